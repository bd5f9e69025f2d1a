import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { fitStandardizer } from "./standardize.js";
import type { ClassificationDataset } from "./types.js";

function table(rows: number[][], name = "t"): ClassificationDataset {
  return { name, task: "classification", n: rows.length, x: Float32Array.from(rows.flat()), y: new Int32Array(rows.length), sampleShape: [rows[0]!.length], classes: ["a"] };
}

describe("fitStandardizer", () => {
  it("fits mean and population std per feature on the training set only", () => {
    const train = table([
      [1, 10, 5],
      [3, 10, 5],
      [5, 10, 5],
    ]);
    const s = fitStandardizer(train);
    expect(Array.from(s.mean)).toEqual([3, 10, 5]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 6);
    expect(Array.from(s.std.subarray(1))).toEqual([1, 1]);
    // The test set has other statistics; applying must use the training ones, not refit.
    const test = s.apply(table([[3, 11, 5]], "test"));
    expect(test.x[0]).toBe(0);
    expect(test.x[1]).toBe(1);
    expect(test.x[2]).toBe(0);
    expect(test.name).toBe("test");
  });

  it("gives standardised training features mean 0 and std 1", () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i, Math.sin(i) * 7 + 3]);
    const out = fitStandardizer(table(rows)).apply(table(rows));
    for (const j of [0, 1]) {
      const col = rows.map((_, i) => out.x[i * 2 + j]!);
      const mean = col.reduce((a, b) => a + b) / col.length;
      const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 5);
    }
  });

  it("fits one mean and std per channel of [C, H, W] samples", () => {
    // Two samples of shape [2, 1, 2]: channel 0 holds 0, 2, 4, 6; channel 1 is constant 1.
    const images: ClassificationDataset = { ...table([[0, 2, 1, 1], [4, 6, 1, 1]]), sampleShape: [2, 1, 2] };
    const s = fitStandardizer(images, { per: "channel" });
    expect(Array.from(s.mean)).toEqual([3, 1]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(5), 6);
    expect(s.std[1]).toBe(1);
    expect(Array.from(s.apply(images).x.subarray(2, 4))).toEqual([0, 0]);
    expect(() => fitStandardizer(table([[1]]), { per: "channel" })).toThrow(ConfigError);
  });

  it("refuses a dataset of another sample size", () => {
    expect(() => fitStandardizer(table([[1, 2]])).apply(table([[1, 2, 3]], "other"))).toThrow("standardize: fitted on samples of 2 values; other has 3");
  });
});
