import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededGenerator } from "../data/index.js";
import { gridValues, parseParamSpec, sampleValue } from "./space.js";
import { catchConfigError as error } from "../testing/config-error.js";

const where = 'sweep.yaml.search.space."optimizer.lr"';

describe("parseParamSpec", () => {
  it("reads each kind", () => {
    expect(parseParamSpec({ values: [0.1, "x", { type: "StepLR" }] }, where)).toEqual({ kind: "values", values: [0.1, "x", { type: "StepLR" }] });
    expect(parseParamSpec({ loguniform: [1e-4, 1], points: 5 }, where)).toEqual({ kind: "loguniform", low: 1e-4, high: 1, points: 5 });
    expect(parseParamSpec({ uniform: [0, 0.5] }, where)).toEqual({ kind: "uniform", low: 0, high: 0.5 });
    expect(parseParamSpec({ int: [16, 128] }, where)).toEqual({ kind: "int", low: 16, high: 128 });
  });

  it("rejects empty, inverted and non-positive log ranges, naming the parameter", () => {
    for (const spec of [{ uniform: [1, 1] }, { loguniform: [1, 1e-4] }, { int: [5, 2] }]) {
      const e = error(() => parseParamSpec(spec, where));
      expect(e.message).toContain(where);
      expect(e.message).toMatch(/is empty; write it \[low, high\] with low < high/);
    }
    expect(error(() => parseParamSpec({ loguniform: [0, 1] }, where)).message).toContain("must be positive");
  });

  it("rejects specs that are not exactly one kind, unknown keys, empty and repeated values", () => {
    expect(error(() => parseParamSpec({ uniform: [0, 1], loguniform: [1, 2] }, where)).message).toContain("got both uniform and loguniform");
    expect(error(() => parseParamSpec([0.1, 0.01], where)).message).toContain("expected exactly one of { values: [...] }");
    expect(error(() => parseParamSpec({ uniform: [0, 1], point: 3 }, where)).message).toContain('unknown key "point" (did you mean "points"?)');
    expect(error(() => parseParamSpec({ values: [] }, where)).message).toContain(`${where}.values`);
    expect(error(() => parseParamSpec({ values: [{ a: 1, b: 2 }, { b: 2, a: 1 }] }, where)).message).toContain('{"a":1,"b":2} is listed twice');
    expect(error(() => parseParamSpec({ int: [1, 4], points: 5 }, where)).message).toContain("5 points do not fit the 4 integers 1 … 4");
    expect(error(() => parseParamSpec({ uniform: [0, 1], points: 1 }, where)).message).toContain(`${where}.points`);
  });
});

describe("gridValues", () => {
  it("spaces log ranges by decades exactly, linear and integer ranges evenly, ends included", () => {
    expect(gridValues(parseParamSpec({ loguniform: [1e-4, 1], points: 5 }, where), where)).toEqual([1e-4, 1e-3, 1e-2, 0.1, 1]);
    expect(gridValues(parseParamSpec({ loguniform: [1e-3, 1], points: 7 }, where), where)).toEqual([0.001, 0.00316227766017, 0.01, 0.0316227766017, 0.1, 0.316227766017, 1]);
    expect(gridValues(parseParamSpec({ uniform: [0, 0.3], points: 4 }, where), where)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(gridValues(parseParamSpec({ int: [16, 64], points: 3 }, where), where)).toEqual([16, 40, 64]);
    expect(gridValues(parseParamSpec({ values: ["SGD", "Adam"] }, where), where)).toEqual(["SGD", "Adam"]);
  });

  it("needs points for a range", () => {
    expect(error(() => gridValues(parseParamSpec({ loguniform: [1e-4, 1] }, where), where)).message).toContain("a grid search needs a list of values; give this range points: n");
  });
});

describe("sampleValue", () => {
  it("draws inside the range, integers for int, entries of a values list", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const rng = seededGenerator(seed, 7);
        const log = sampleValue({ kind: "loguniform", low: 1e-5, high: 0.1 }, rng) as number;
        const lin = sampleValue({ kind: "uniform", low: -1, high: 2 }, rng) as number;
        const int = sampleValue({ kind: "int", low: 3, high: 5 }, rng) as number;
        const pick = sampleValue({ kind: "values", values: ["a", "b"] }, rng);
        return log >= 1e-5 && log <= 0.1 && lin >= -1 && lin <= 2 && [3, 4, 5].includes(int) && (pick === "a" || pick === "b");
      }),
    );
  });

  it("spreads log-uniform draws evenly over decades", () => {
    const rng = seededGenerator(0, 7);
    const decades = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) decades[Math.floor(-Math.log10(sampleValue({ kind: "loguniform", low: 1e-4, high: 1 }, rng) as number))]! += 1;
    for (const count of decades) expect(Math.abs(count - 1000)).toBeLessThan(120);
  });
});
