import { describe, expect, it } from "vitest";
import { accuracy, averagePrecision, f1, mae, precision, predictClasses, r2, recall, rmse, rocAuc, thresholdClasses } from "./index.js";

describe("classification metrics", () => {
  it("accuracy from logits: the row arg-max (first on ties), or the sign for one column", () => {
    const logits = [1, 2, 0, 3, 1, 2, 0, 0, 5, 1, 1, 0];
    expect(Array.from(predictClasses(logits, 3))).toEqual([1, 0, 2, 0]);
    expect(accuracy(predictClasses(logits, 3), [1, 0, 2, 1])).toBe(0.75);
    expect(Array.from(predictClasses([-1, 0.5, 0, 2], 1))).toEqual([0, 1, 0, 1]);
    expect(Array.from(thresholdClasses([0.2, 0.5, 0.7], 0.6))).toEqual([0, 0, 1]);
    expect(() => predictClasses([1, 2, 3], 2)).toThrow(/3 logits do not form rows of 2 columns/);
  });

  it("binary precision, recall and F1 (TP 2, FP 2, FN 1)", () => {
    const predicted = [1, 1, 1, 0, 0, 1];
    const labels = [1, 0, 0, 1, 0, 1];
    expect(precision(predicted, labels)).toBeCloseTo(0.5, 12);
    expect(recall(predicted, labels)).toBeCloseTo(2 / 3, 12);
    expect(f1(predicted, labels)).toBeCloseTo(4 / 7, 12);
    expect(precision(predicted, labels, { positive: 0 })).toBeCloseTo(1 / 2, 12);
  });

  it("macro averages over the classes present", () => {
    const labels = [0, 0, 1, 1, 2, 2];
    const predicted = [0, 1, 1, 1, 0, 2];
    expect(precision(predicted, labels, { average: "macro" })).toBeCloseTo((1 / 2 + 2 / 3 + 1) / 3, 12);
    expect(recall(predicted, labels, { average: "macro" })).toBeCloseTo((1 / 2 + 1 + 1 / 2) / 3, 12);
    expect(f1(predicted, labels, { average: "macro" })).toBeCloseTo((1 / 2 + 4 / 5 + 2 / 3) / 3, 12);
  });

  it("gives 0 for an empty denominator and rejects unequal lengths", () => {
    expect(precision([0, 0], [1, 0])).toBe(0);
    expect(f1([0, 0], [0, 0])).toBe(0);
    expect(() => accuracy([1], [1, 0])).toThrow(/1 predictions but 2 labels/);
  });
});

describe("ranking metrics", () => {
  it("ROC-AUC counts tied pairs as ½ (6 of 9 pairs)", () => {
    expect(rocAuc([0, 0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.4, 0.4])).toBeCloseTo(6 / 9, 12);
    expect(rocAuc([0, 1], [0.3, 0.9])).toBe(1);
    expect(rocAuc([1, 0], [0.3, 0.9])).toBe(0);
    expect(rocAuc([1, 1], [0.3, 0.9])).toBeNaN();
  });

  it("average precision as scikit-learn: Σ (R_k − R_{k−1}) · P_k with tied scores together", () => {
    expect(averagePrecision([1, 0, 1, 1, 0], [0.9, 0.8, 0.8, 0.3, 0.1])).toBeCloseTo((1 / 3) * 1 + (1 / 3) * (2 / 3) + (1 / 3) * (3 / 4), 12);
    expect(averagePrecision([0, 1], [0.1, 0.9])).toBe(1);
    expect(averagePrecision([0, 0], [0.1, 0.9])).toBeNaN();
  });
});

describe("regression metrics", () => {
  const targets = [3, -0.5, 2, 7];
  const predicted = [2.5, 0, 2, 8];

  it("MAE, RMSE and R² (scikit-learn's documented example: R² = 0.948…)", () => {
    expect(mae(predicted, targets)).toBeCloseTo(0.5, 12);
    expect(rmse(predicted, targets)).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(r2(predicted, targets)).toBeCloseTo(0.9486081370449679, 12);
  });

  it("R² for constant targets: 1 if perfect, else 0", () => {
    expect(r2([1, 1, 1], [1, 1, 1])).toBe(1);
    expect(r2([1, 2, 1], [1, 1, 1])).toBe(0);
  });
});
