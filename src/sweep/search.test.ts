import { describe, expect, it } from "vitest";
import { parseSearch, planTrials } from "./search.js";
import { catchConfigError as error } from "../testing/config-error.js";

const lr = { loguniform: [1e-4, 1], points: 5 };

describe("parseSearch", () => {
  it("fills defaults: seed 0, metric loss, mode from the metric's name, no ASHA", () => {
    const search = parseSearch({ method: "grid", space: { "optimizer.lr": lr } }, "s.yaml");
    expect(search).toMatchObject({ method: "grid", seed: 0, metric: "loss", mode: "min" });
    expect(search.asha).toBeUndefined();
    expect(parseSearch({ method: "grid", metric: "accuracy", space: { "optimizer.lr": lr } }, "s.yaml").mode).toBe("max");
    expect(parseSearch({ method: "grid", scheduler: "asha", space: { "optimizer.lr": lr } }, "s.yaml").asha).toEqual({ reductionFactor: 3, gracePeriod: 1 });
    expect(parseSearch({ method: "grid", scheduler: { type: "asha", reduction_factor: 2, grace_period: 3 }, space: { "optimizer.lr": lr } }, "s.yaml").asha).toEqual({
      reductionFactor: 2,
      gracePeriod: 3,
    });
  });

  it("names an unknown top-level path, with a hint", () => {
    const e = error(() => parseSearch({ method: "grid", space: { "optimiser.lr": lr } }, "s.yaml"));
    expect(e.message).toContain('s.yaml.search.space."optimiser.lr": "optimiser" is not a run config key (did you mean "optimizer.lr"?); valid: data, model');
    expect(e.key).toBe("search.space.optimiser.lr");
    expect(error(() => parseSearch({ method: "grid", space: { "optimizer.": lr } }, "s.yaml")).message).toContain("no empty parts");
  });

  it("rejects a missing or empty space, misplaced or missing trials, unknown schedulers and keys", () => {
    expect(error(() => parseSearch(undefined, "s.yaml")).message).toContain("s.yaml.search: it is missing");
    expect(error(() => parseSearch({ method: "grid", space: {} }, "s.yaml")).message).toContain("s.yaml.search.space: it is empty");
    expect(error(() => parseSearch({ method: "grid", trials: 4, space: { "optimizer.lr": lr } }, "s.yaml")).message).toContain("trials (4) is for method: random");
    expect(error(() => parseSearch({ method: "random", space: { "optimizer.lr": lr } }, "s.yaml")).message).toContain("a random search needs the number of trials");
    expect(error(() => parseSearch({ method: "grd", space: { "optimizer.lr": lr } }, "s.yaml")).message).toContain('unknown value "grd" (did you mean "grid"?)');
    expect(error(() => parseSearch({ method: "grid", sapce: {} }, "s.yaml")).message).toContain('unknown key "sapce" (did you mean "space"?)');
    expect(error(() => parseSearch({ method: "grid", scheduler: { type: "asha", reduction_factor: 1 }, space: { "optimizer.lr": lr } }, "s.yaml")).message).toContain(
      "reduction_factor",
    );
  });
});

describe("planTrials", () => {
  it("grid: the cartesian product, first parameter slowest, keys canonical", () => {
    const search = parseSearch({ method: "grid", space: { "optimizer.type": { values: ["SGD", "Adam"] }, "optimizer.lr": { loguniform: [0.01, 1], points: 3 } } }, "s");
    const trials = planTrials(search, "s");
    expect(trials.map((t) => t.overrides)).toEqual([
      { "optimizer.type": "SGD", "optimizer.lr": 0.01 },
      { "optimizer.type": "SGD", "optimizer.lr": 0.1 },
      { "optimizer.type": "SGD", "optimizer.lr": 1 },
      { "optimizer.type": "Adam", "optimizer.lr": 0.01 },
      { "optimizer.type": "Adam", "optimizer.lr": 0.1 },
      { "optimizer.type": "Adam", "optimizer.lr": 1 },
    ]);
    expect(trials[0]!.key).toBe('{"optimizer.lr":0.01,"optimizer.type":"SGD"}');
  });

  it("random: seeded, distinct, and trial i is the same whatever the number of trials", () => {
    const space = { "optimizer.lr": { loguniform: [1e-4, 1] }, batch_size: { values: [16, 32, 64] }, seed: { int: [0, 9] } };
    const ten = planTrials(parseSearch({ method: "random", trials: 10, seed: 3, space }, "s"), "s");
    const again = planTrials(parseSearch({ method: "random", trials: 10, seed: 3, space }, "s"), "s");
    const four = planTrials(parseSearch({ method: "random", trials: 4, seed: 3, space }, "s"), "s");
    const other = planTrials(parseSearch({ method: "random", trials: 10, seed: 4, space }, "s"), "s");
    expect(again).toEqual(ten);
    expect(four).toEqual(ten.slice(0, 4));
    expect(other.map((t) => t.key)).not.toEqual(ten.map((t) => t.key));
    expect(new Set(ten.map((t) => t.key)).size).toBe(10);
    for (const { overrides } of ten) {
      expect(overrides["optimizer.lr"]).toBeGreaterThanOrEqual(1e-4);
      expect([16, 32, 64]).toContain(overrides.batch_size);
      expect(Number.isInteger(overrides.seed)).toBe(true);
    }
  });

  it("random over a small discrete space draws every combination once, and no more than there are", () => {
    const space = { batch_size: { values: [16, 32] }, seed: { int: [0, 2] } };
    const six = planTrials(parseSearch({ method: "random", trials: 6, space }, "s"), "s");
    expect(new Set(six.map((t) => t.key)).size).toBe(6);
    expect(error(() => planTrials(parseSearch({ method: "random", trials: 7, space }, "s"), "s")).message).toContain("7 trials, but the space has only 6 distinct combinations");
  });
});
