import { describe, expect, it } from "vitest";
import { configHash, parseSweepConfig } from "./sweep-config.js";
import { catchConfigError as error } from "../testing/config-error.js";

const base = { data: { name: "iris" }, model: { preset: "mlp", hidden: [8] }, optimizer: { type: "SGD", lr: 0.1 }, epochs: 4, batch_size: 16 };
const search = { method: "grid", space: { "optimizer.lr": { values: [0.01, 0.1] } } };

describe("parseSweepConfig", () => {
  it("plans each trial's run config from the base and its overrides", () => {
    const plan = parseSweepConfig({ ...base, search: { ...search, space: { ...search.space, epochs: { values: [2, 6] } } } }, "s.yaml");
    expect(plan.trials).toHaveLength(4);
    expect(plan.trials[3]).toEqual({
      key: '{"epochs":6,"optimizer.lr":0.1}',
      overrides: { "optimizer.lr": 0.1, epochs: 6 },
      config: { ...base, optimizer: { type: "SGD", lr: 0.1 }, epochs: 6 },
      epochs: 6,
    });
  });

  it("checks every trial's config before anything runs, naming the trial and the key", () => {
    const typo = error(() => parseSweepConfig({ ...base, search: { method: "grid", space: { "optimizer.type": { values: ["SGD", "Adamm"] } } } }, "s.yaml"));
    expect(typo.message).toContain('s.yaml: trial {"optimizer.type":"Adamm"}: config.optimizer.type: unknown value "Adamm" (did you mean "Adam"?)');
    const arg = error(() => parseSweepConfig({ ...base, search: { method: "grid", space: { "optimizer.momentom": { values: [0.9] } } } }, "s.yaml"));
    expect(arg.message).toContain('unknown key "momentom"');
    const sched = error(() => parseSweepConfig({ ...base, search: { method: "grid", space: { scheduler: { values: [{ type: "StepLR" }] } } } }, "s.yaml"));
    expect(sched.message).toContain("config.scheduler.step_size");
    const model = error(() => parseSweepConfig({ ...base, search: { method: "grid", space: { "model.hidden": { values: [[8], [0]] } } } }, "s.yaml"));
    expect(model.message).toContain('trial {"model.hidden":[0]}: config.model.hidden');
    const top = error(() => parseSweepConfig({ ...base, search: { method: "grid", space: { batch_size: { values: [16, -1] } } } }, "s.yaml"));
    expect(top.message).toContain("config.batch_size");
  });

  it("rejects an ASHA grace period that leaves no rung", () => {
    const asha = { ...search, scheduler: { type: "asha", grace_period: 4 } };
    expect(error(() => parseSweepConfig({ ...base, search: asha }, "s.yaml")).message).toContain("s.yaml.search.scheduler.grace_period: 4 leaves ASHA no rung below the trials' 4 epochs");
    expect(parseSweepConfig({ ...base, epochs: 5, search: asha }, "s.yaml").search.asha).toEqual({ reductionFactor: 3, gracePeriod: 4 });
  });

  it("needs a validation split to rank trials on", () => {
    expect(error(() => parseSweepConfig({ ...base, val_fraction: 0, search }, "s.yaml")).message).toContain("config.val_fraction: a sweep ranks its trials on a validation metric");
  });

  it("hashes the config's canonical JSON: key order does not matter, values do", () => {
    const a = parseSweepConfig({ ...base, search }, "s").hash;
    const reordered = Object.fromEntries(Object.entries({ ...base, search }).reverse());
    expect(parseSweepConfig(reordered, "s").hash).toBe(a);
    expect(configHash({ ...base, search, seed: 1 })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});
