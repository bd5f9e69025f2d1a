import { describe, expect, it } from "vitest";
import type { EpochRow } from "../log/index.js";
import { flatten } from "./compare.js";
import { bestValues, compareRuns, higherIsBetter, type RunSummary } from "./index.js";

function summary(id: string, config: unknown, extra: Partial<RunSummary> = {}): RunSummary {
  return { id, kind: "train", status: "completed", config, tags: [], createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z", stepCount: 0, epochCount: 0, best: {}, ...extra };
}

function epoch(n: number, val: Record<string, number>): EpochRow {
  return { epoch: n, step: n * 10, lr: 0.1, trainLoss: 1, val, seconds: 1 };
}

describe("flatten", () => {
  it("gives dotted keys to nested values, keeping arrays and empty objects whole", () => {
    expect([...flatten({ optimizer: { type: "SGD", betas: [0.9, 0.999] }, clip: {}, seed: null })]).toEqual([
      ["optimizer.type", "SGD"],
      ["optimizer.betas", [0.9, 0.999]],
      ["clip", {}],
      ["seed", null],
    ]);
    expect([...flatten({ a: 1 }, "metrics")]).toEqual([["metrics.a", 1]]);
    expect([...flatten(3)]).toEqual([["(value)", 3]]);
  });
});

describe("compareRuns", () => {
  it("keeps only differing config keys and lists every result", () => {
    const a = summary("a", { optimizer: { lr: 0.1, betas: [0.9, 0.99] }, seed: 0 }, { finishedAt: "2025-01-01T00:00:02.500Z", epochCount: 2, best: { loss: 0.5 } });
    const b = summary("b", { optimizer: { lr: 0.1, betas: [0.9, 0.999] }, seed: 0, clip: { max_norm: 1 } }, { status: "failed", error: "boom" });
    const comparison = compareRuns([
      { run: a, epochs: [epoch(0, { loss: 0.7 }), epoch(1, { loss: 0.5 })] },
      { run: b, epochs: [] },
    ]);
    expect(comparison.runs).toEqual(["a", "b"]);
    expect(comparison.config).toEqual([
      { key: "optimizer.betas", values: [[0.9, 0.99], [0.9, 0.999]] },
      { key: "clip.max_norm", values: [undefined, 1] },
    ]);
    const results = Object.fromEntries(comparison.results.map((r) => [r.key, r.values]));
    expect(results).toEqual({
      status: ["completed", "failed"],
      epochs: [2, 0],
      steps: [0, 0],
      seconds: [2.5, undefined],
      "final.lr": [0.1, undefined],
      "final.train_loss": [1, undefined],
      "final.val.loss": [0.5, undefined],
      "best.val.loss": [0.5, undefined],
      error: [undefined, "boom"],
    });
  });
});

describe("bestValues", () => {
  it("maximises accuracy-like metrics, minimises the rest, and skips NaN", () => {
    expect(higherIsBetter("val_accuracy")).toBe(true);
    expect(higherIsBetter("top5")).toBe(true);
    expect(higherIsBetter("loss")).toBe(false);
    expect(higherIsBetter("mae")).toBe(false);
    const epochs = [epoch(0, { loss: 0.9, accuracy: 0.6, f1: NaN }), epoch(1, { loss: NaN, accuracy: 0.8, f1: NaN }), epoch(2, { loss: 0.4, accuracy: 0.7, f1: NaN })];
    expect(bestValues(epochs)).toEqual({ loss: 0.4, accuracy: 0.8 });
  });
});
