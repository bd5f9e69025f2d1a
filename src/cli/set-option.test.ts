import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { applySets, blameSets, parseSet } from "./set-option.js";

describe("--set key.path=value", () => {
  it("parses values as YAML scalars and flow lists", () => {
    expect(parseSet("optimizer.lr=3e-3")).toMatchObject({ path: ["optimizer", "lr"], value: 3e-3 });
    expect(parseSet("optimizer.nesterov=true").value).toBe(true);
    expect(parseSet("scheduler=null").value).toBeNull();
    expect(parseSet("optimizer.type=AdamW").value).toBe("AdamW");
    expect(parseSet("optimizer.betas=[0.9, 0.99]").value).toEqual([0.9, 0.99]);
    expect(parseSet("name=a=b").value).toBe("a=b");
  });

  it("rejects an argument without = or with an empty key, naming it", () => {
    expect(() => parseSet("optimizer.lr")).toThrow(/--set "optimizer\.lr": expected key\.path=value/);
    expect(() => parseSet("=3")).toThrow(ConfigError);
    expect(() => parseSet("optimizer..lr=3")).toThrow(/--set "optimizer\.\.lr=3"/);
  });

  it("writes each override at its path, later ones winning, without touching the original", () => {
    const config = { optimizer: { type: "SGD", lr: 0.1 }, epochs: 5 };
    const out = applySets(config, [parseSet("optimizer.lr=3e-3"), parseSet("epochs=1"), parseSet("epochs=2"), parseSet("clip.max_norm=1")]);
    expect(out).toEqual({ optimizer: { type: "SGD", lr: 3e-3 }, epochs: 2, clip: { max_norm: 1 } });
    expect(config.optimizer.lr).toBe(0.1);
    expect(() => applySets(config, [parseSet("epochs.n=1")])).toThrow(/epochs is 5, not an object/);
  });

  it("says a validation error on an overridden key came from --set", () => {
    const error = new ConfigError("run.yaml: optimizer.lr: must be positive", "run.yaml", "lr", -1);
    expect((blameSets(error, [parseSet("optimizer.lr=-1")]) as Error).message).toMatch(/came from --set optimizer\.lr=-1/);
    expect(blameSets(error, [parseSet("epochs=1")])).toBe(error);
  });
});
