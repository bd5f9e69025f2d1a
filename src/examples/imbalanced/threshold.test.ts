import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { f1, thresholdClasses } from "../../nn/index.js";
import { confusion, pooledScores } from "./confusion.js";
import { bestF1Threshold } from "./threshold.js";

describe("bestF1Threshold", () => {
  it("picks the score that maximises F1 on hand-checked cases", () => {
    // t = 0.9: F1 2/3; 0.8: 1/2; 0.7: 4/5; 0.3: 2/3; 0.1: 4/7.
    expect(bestF1Threshold([1, 0, 1, 0, 0], [0.9, 0.8, 0.7, 0.3, 0.1])).toEqual({ threshold: 0.7, f1: 0.8 });
    // Tied scores enter together: t = 0.5 flags two (F1 1/2), t = 0.2 all three (F1 4/5).
    expect(bestF1Threshold([1, 0, 1], [0.5, 0.5, 0.2])).toEqual({ threshold: 0.2, f1: 0.8 });
    // A tie in F1 (2/3 at 0.9 and at 0.6) goes to the higher threshold.
    expect(bestF1Threshold([1, 0, 0, 1], [0.9, 0.8, 0.7, 0.6]).threshold).toBe(0.9);
    expect(() => bestF1Threshold([0, 0], [0.1, 0.2])).toThrow(/no positive/);
  });

  it("equals a brute-force search over every distinct score, with p ≥ t as positive", () => {
    const sample = fc
      .array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 40 })
      .filter((pairs) => pairs.some(([label]) => label === 1));
    fc.assert(
      fc.property(sample, (pairs) => {
        const labels = pairs.map(([label]) => label);
        const scores = pairs.map(([, s]) => s / 20);
        const candidates = [...new Set(scores)].sort((a, b) => b - a);
        const f1s = candidates.map((t) => f1(thresholdClasses(scores, t), labels));
        const best = Math.max(...f1s);
        const chosen = bestF1Threshold(labels, scores);
        expect(chosen.f1).toBeCloseTo(best, 12);
        expect(chosen.threshold).toBe(candidates[f1s.findIndex((v) => Math.abs(v - best) < 1e-12)]);
      }),
    );
  });
});

describe("pooledScores", () => {
  it("scores the predictions of several evaluations taken together", () => {
    const a = { predicted: [1, 0, 1, 0], labels: [1, 1, 0, 0] };
    const b = { predicted: [0, 0, 1], labels: [1, 0, 1] };
    const pooled = pooledScores([confusion(a.predicted, a.labels), confusion(b.predicted, b.labels)]);
    const all = { predicted: [...a.predicted, ...b.predicted], labels: [...a.labels, ...b.labels] };
    expect(pooled.f1).toBeCloseTo(f1(all.predicted, all.labels), 15);
    expect(pooled).toEqual({ precision: 2 / 3, recall: 2 / 4, f1: 4 / 7 });
    expect(pooledScores([confusion([0, 0], [0, 0])])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
