import { describe, expect, it } from "vitest";
import { createDataset, subset } from "./dataset.js";
import { DataError } from "./errors.js";
import type { ClassificationDataset, RegressionDataset } from "./types.js";

function toy(x: number[], y: number[], classes = ["a", "b"]): ClassificationDataset {
  return { name: "toy", task: "classification", n: y.length, x: Float32Array.from(x), y: Int32Array.from(y), sampleShape: [2], classes };
}

describe("createDataset", () => {
  it("returns a valid dataset unchanged", () => {
    const d = toy([1, 2, 3, 4], [0, 1]);
    expect(createDataset(d)).toBe(d);
  });

  it("names the dataset, sample and feature of a NaN or infinite feature", () => {
    expect(() => createDataset(toy([1, 2, 3, NaN], [0, 1]))).toThrow(DataError);
    expect(() => createDataset(toy([1, 2, 3, NaN], [0, 1]))).toThrow("toy: sample 1, feature 1 is NaN; features must be finite");
    expect(() => createDataset(toy([1, -Infinity, 3, 4], [0, 1]))).toThrow("toy: sample 0, feature 1 is -Infinity");
  });

  it("rejects a label outside the classes", () => {
    expect(() => createDataset(toy([1, 2, 3, 4], [0, 2]))).toThrow("toy: sample 1 has label 2; valid labels are 0 … 1 (2 classes)");
    expect(() => createDataset(toy([1, 2, 3, 4], [-1, 0]))).toThrow(/sample 0 has label -1/);
  });

  it("rejects a non-finite regression target", () => {
    const d: RegressionDataset = { name: "r", task: "regression", n: 2, x: new Float32Array(2), y: Float32Array.from([1, NaN]), sampleShape: [1] };
    expect(() => createDataset(d)).toThrow("r: sample 1 has target NaN; targets must be finite");
  });

  it("rejects sizes that do not match the sample shape and count", () => {
    expect(() => createDataset(toy([1, 2, 3], [0, 1]))).toThrow("toy: x holds 3 values; expected n × ∏sampleShape = 2 × 2 = 4");
    expect(() => createDataset(toy([1, 2, 3, 4], [0]))).toThrow(/x holds 4 values; expected n × ∏sampleShape = 1 × 2 = 2/);
    expect(() => createDataset({ ...toy([1, 2], [0]), sampleShape: [0, 2] })).toThrow(/sampleShape must be a non-empty list of positive integers/);
  });
});

describe("subset", () => {
  it("gathers the samples at the given indices, in that order", () => {
    const s = subset(toy([1, 2, 3, 4, 5, 6], [0, 1, 0]), [2, 0], "picked");
    expect(s.name).toBe("picked");
    expect(s.n).toBe(2);
    expect(Array.from(s.x)).toEqual([5, 6, 1, 2]);
    expect(Array.from(s.y)).toEqual([0, 0]);
    expect(s.y).toBeInstanceOf(Int32Array);
  });
});
