import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { applyOverrides, canonicalJson, trialKey } from "./overrides.js";

describe("trial keys", () => {
  it("are canonical JSON: keys sorted at every depth, arrays in order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(trialKey({ "optimizer.lr": 0.01, batch_size: 32 })).toBe(trialKey({ batch_size: 32, "optimizer.lr": 0.01 }));
    expect(trialKey({ "optimizer.lr": 0.01 })).toBe('{"optimizer.lr":0.01}');
    expect(trialKey({ scheduler: { type: "OneCycleLR", max_lr: 0.1 } })).toBe('{"scheduler":{"max_lr":0.1,"type":"OneCycleLR"}}');
  });
});

describe("applyOverrides", () => {
  const base = { optimizer: { type: "SGD", lr: 0.1 }, scheduler: { type: "StepLR", step_size: 2 }, loss: "cross_entropy", epochs: 3 };

  it("writes values at dotted paths, shorter paths first, without touching the base", () => {
    const config = applyOverrides(base, { "scheduler.max_lr": 0.5, scheduler: { type: "OneCycleLR" }, "optimizer.lr": 0.01, epochs: 5, "clip.max_norm": 1 }, "sweep.yaml");
    expect(config).toEqual({ optimizer: { type: "SGD", lr: 0.01 }, scheduler: { type: "OneCycleLR", max_lr: 0.5 }, loss: "cross_entropy", epochs: 5, clip: { max_norm: 1 } });
    expect(base.optimizer.lr).toBe(0.1);
    expect(base.scheduler).toEqual({ type: "StepLR", step_size: 2 });
  });

  it("names the path when it goes through a value that is not an object", () => {
    const run = () => applyOverrides(base, { "loss.label_smoothing": 0.1 }, "sweep.yaml");
    expect(run).toThrow(ConfigError);
    expect(run).toThrow('sweep.yaml.search.space."loss.label_smoothing": the config\'s loss is "cross_entropy", not an object');
  });
});
