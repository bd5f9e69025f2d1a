import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { trainTestSplit } from "./split.js";
import type { ClassificationDataset, RegressionDataset } from "./types.js";

/** n samples whose single feature is their index, labels from `labelOf`. */
function indexed(n: number, labelOf: (i: number) => number, classes: number): ClassificationDataset {
  return {
    name: "toy",
    task: "classification",
    n,
    x: Float32Array.from({ length: n }, (_, i) => i),
    y: Int32Array.from({ length: n }, (_, i) => labelOf(i)),
    sampleShape: [1],
    classes: Array.from({ length: classes }, (_, c) => `c${c}`),
  };
}

const counts = (d: ClassificationDataset) => d.classes.map((_, c) => d.y.filter((y) => y === c).length);

describe("trainTestSplit", () => {
  const data = indexed(100, (i) => (i < 70 ? 0 : i < 90 ? 1 : 2), 3);

  it("holds out ⌈f·n⌉ samples, each sample in exactly one part, original order kept", () => {
    const { train, test } = trainTestSplit(data, { testFraction: 0.25, seed: 3 });
    expect(test.n).toBe(25);
    expect(train.n).toBe(75);
    const all = [...train.x, ...test.x].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...train.x]).toEqual([...train.x].sort((a, b) => a - b));
    expect(train.name).toBe("toy/train");
    expect(test.name).toBe("toy/test");
    expect(trainTestSplit(indexed(178, () => 0, 1), { testFraction: 0.2 }).test.n).toBe(36);
  });

  it("is deterministic for a seed and different for another", () => {
    const a = trainTestSplit(data, { testFraction: 0.2, seed: 1 });
    const b = trainTestSplit(data, { testFraction: 0.2, seed: 1 });
    const c = trainTestSplit(data, { testFraction: 0.2, seed: 2 });
    expect([...a.test.x]).toEqual([...b.test.x]);
    expect([...a.test.x]).not.toEqual([...c.test.x]);
  });

  it("stratifies classification by default: each class keeps its proportion", () => {
    for (const seed of [0, 1, 2]) {
      const { train, test } = trainTestSplit(data, { testFraction: 0.2, seed });
      expect(counts(test)).toEqual([14, 4, 2]);
      expect(counts(train)).toEqual([56, 16, 8]);
    }
  });

  it("gives the leftover of a stratified split to the classes with the largest remainders", () => {
    // f·n_c = 0.3·[5, 4, 1] = [1.5, 1.2, 0.3]; n_test = ⌈3⌉ = 3: floors [1, 1, 0], one more to class 0.
    const d = indexed(10, (i) => (i < 5 ? 0 : i < 9 ? 1 : 2), 3);
    expect(counts(trainTestSplit(d, { testFraction: 0.3 }).test)).toEqual([2, 1, 0]);
  });

  it("does not stratify when asked not to, and never stratifies regression", () => {
    const unstratified = [0, 1, 2, 3, 4, 5].map((seed) => counts(trainTestSplit(data, { testFraction: 0.2, seed, stratify: false }).test));
    expect(unstratified.some((c) => c[0] !== 14)).toBe(true);
    const r: RegressionDataset = { name: "r", task: "regression", n: 10, x: new Float32Array(10), y: new Float32Array(10), sampleShape: [1] };
    expect(trainTestSplit(r, { testFraction: 0.2 }).test.n).toBe(2);
    expect(() => trainTestSplit(r, { testFraction: 0.2, stratify: true })).toThrow(/only a classification dataset can be stratified/);
  });

  it("rejects a fraction outside (0, 1) or one that empties a part", () => {
    for (const f of [0, 1, -0.1, 1.5, NaN]) {
      expect(() => trainTestSplit(data, { testFraction: f })).toThrow(ConfigError);
    }
    expect(() => trainTestSplit(indexed(3, () => 0, 1), { testFraction: 0.9 })).toThrow("split.testFraction: 0.9 of 3 samples leaves no training samples");
  });
});
