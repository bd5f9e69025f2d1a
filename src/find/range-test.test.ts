import { describe, expect, it } from "vitest";
import { createDataset, subset, type Dataset } from "../data/index.js";
import { loadDataset } from "../data/node/index.js";
import { jax, type JaxArray, type Params } from "../engine/index.js";
import { toTensorData } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { batchNorm1d, createLoss, createModelFromLayer, dropout, linear, relu, sequential } from "../nn/index.js";
import { createOptimizer, type OptimizerState } from "../optim/index.js";
import { trackLiveBuffers } from "../optim/testing/live-buffers.js";
import { batchSource, createEvaluator, createTrainer } from "../train/index.js";
import { createAccumulatingStep } from "./accumulating-step.js";
import { lrSequence } from "./lr-sequence.js";
import { lrRangeTest, type RangeTestOptions } from "./range-test.js";

const iris = (await loadDataset({ name: "iris" })).train;
const live = await trackLiveBuffers();
const crossEntropy = createLoss({ type: "CrossEntropyLoss" });

/** Iris through Linear → BatchNorm → ReLU → Dropout → Linear: parameters, running statistics and dropout keys all in play. */
function irisSetup(options: { optimizer?: Record<string, unknown>; batchNorm?: boolean } = {}) {
  const layers = options.batchNorm === false ? [linear(4, 16), relu(), linear(16, 3)] : [linear(4, 16), batchNorm1d(16), relu(), dropout(0.1), linear(16, 3)];
  const model = createModelFromLayer(sequential(...layers), [4]);
  const optimizer = createOptimizer((options.optimizer ?? { type: "SGD", lr: 0.1, momentum: 0.9 }) as never);
  return { model, optimizer, loss: crossEntropy, ...model.init({ seed: 0 }) };
}

function source(dataset: Dataset, batchSize: number) {
  return batchSource(dataset, { batchSize, seed: 0 });
}

async function snapshot(tree: { params: Params; buffers: Params; optState: OptimizerState }) {
  const leaves = jax.tree.leaves(tree) as JaxArray[];
  return { bytes: await Promise.all(leaves.map(async (a) => (await toTensorData(a)).data)), refCounts: leaves.map((a) => a.refCount) };
}

describe("lrRangeTest", () => {
  it("steps through the exponential or linear η sequence and returns the smoothed curve with suggestions", async () => {
    const s = irisSetup();
    for (const mode of ["exp", "linear"] as const) {
      const result = await lrRangeTest({ ...s, train: source(iris, 16), startLr: 1e-4, endLr: 1, numIter: 30, mode });
      expect(result.lrs).toEqual(lrSequence(1e-4, 1, 30, mode));
      expect(result.losses).toHaveLength(30);
      expect(result.rawLosses[0]).toBeGreaterThan(0.5);
      expect(result.losses[0]).toBe(result.rawLosses[0]);
      expect(result.lossKind).toBe("train");
      expect(result.stopped).toBeUndefined();
      expect(Object.keys(result.suggestions)).toEqual(["valley", "slide", "minimum", "steep", "steepest_raw"]);
      expect(result.suggestions.minimum.lr).toBeGreaterThan(0);
    }
    jax.tree.dispose([s.params, s.buffers]);
  });

  it("stops early once the smoothed loss passes 4 × its best; the diverging step is the curve's last point", async () => {
    const s = irisSetup();
    const result = await lrRangeTest({ ...s, train: source(iris, 16), startLr: 1e-3, endLr: 1e4, numIter: 80 });
    const n = result.losses.length;
    expect(n).toBeLessThan(80);
    expect(result.stopped?.kind).toBe("diverged");
    expect(result.stopped?.step).toBe(n - 1);
    expect(result.losses[n - 1]!).toBeGreaterThan(4 * Math.min(...result.losses.slice(0, n - 1)));
    expect(result.losses.slice(0, n - 1).every((l, i) => l <= 4 * Math.min(...result.losses.slice(0, i + 1)))).toBe(true);
    expect(result.lrs).toEqual(lrSequence(1e-3, 1e4, 80, "exp").slice(0, n));
    jax.tree.dispose([s.params, s.buffers]);
  });

  it("says so when the loss is NaN from the first step, and suggests a smaller start", async () => {
    const s = irisSetup();
    const nanLoss = (out: JaxArray, y: JaxArray) => crossEntropy(out, y).mul(NaN);
    const run = (names?: RangeTestOptions["names"]) => lrRangeTest({ ...s, loss: nanLoss, train: source(iris, 16), numIter: 10, names });
    await expect(run()).rejects.toThrow(ConfigError);
    await expect(run()).rejects.toThrow(/training loss was NaN from the first step \(η = 1e-7\).*Try a smaller startLr \(e\.g\. 1e-9\)/);
    await expect(run({ startLr: "--start-lr" })).rejects.toMatchObject({ key: "--start-lr", value: 1e-7 });
    jax.tree.dispose([s.params, s.buffers]);
  });

  it("checks its settings before any work", async () => {
    const s = irisSetup();
    await expect(lrRangeTest({ ...s, train: source(iris, 16), numIter: 3 })).rejects.toMatchObject({ key: "numIter" });
    await expect(lrRangeTest({ ...s, train: source(iris, 16), startLr: 1, endLr: 0.5 })).rejects.toMatchObject({ key: "endLr" });
    jax.tree.dispose([s.params, s.buffers]);
  });

  it("leaves params, buffers and optimizer state bit-identical and leaks nothing, in every mode", async () => {
    const s = irisSetup({ optimizer: { type: "Adam", lr: 0.01 } });
    const trainer = createTrainer({ model: s.model, loss: s.loss, optimizer: s.optimizer, lr: 0.01 });
    const state = await trainer.fit({ params: s.params, buffers: s.buffers, train: source(iris, 16), epochs: 1, seed: 0 });
    trainer.dispose();
    const start = { params: state.params, buffers: state.buffers, optState: state.optState };
    const before = await snapshot(start);
    const validation = subset(iris, Array.from({ length: 20 }, (_, i) => 6 * i), "iris/val");
    const curves: number[][] = [];
    const liveBefore = live.count();
    for (const extra of [{}, { accumulationSteps: 2 }, { validation }]) {
      const result = await lrRangeTest({ ...s, ...start, train: source(iris, 16), numIter: 12, endLr: 1e3, ...extra });
      curves.push(result.rawLosses);
      expect(live.count()).toBe(liveBefore);
      expect(await snapshot(start)).toEqual(before);
    }
    const again = await lrRangeTest({ ...s, ...start, train: source(iris, 16), numIter: 12, endLr: 1e3 });
    expect(again.rawLosses).toEqual(curves[0]);
    jax.tree.dispose(start);
  });

  it("validation mode scores each step by the mean loss on the fixed set, in eval mode", async () => {
    const s = irisSetup({ batchNorm: false });
    const validation = subset(iris, Array.from({ length: 30 }, (_, i) => 4 * i), "iris/val");
    const result = await lrRangeTest({ ...s, train: source(iris, 16), validation, startLr: 1e-9, endLr: 1e-8, numIter: 5 });
    expect(result.lossKind).toBe("validation");
    const evaluator = createEvaluator(s.model, { outputs: 3, lossName: "CrossEntropyLoss", loss: crossEntropy });
    const initial = (await evaluator.evaluate(s.params, s.buffers, validation)).loss!;
    evaluator.dispose();
    for (const loss of result.rawLosses) expect(loss).toBeCloseTo(initial, 5);
    jax.tree.dispose([s.params, s.buffers]);
  });
});

describe("gradient accumulation", () => {
  const n = 128;
  const x = Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(1.7 * i) + (i % 4));
  const y = Int32Array.from({ length: n }, (_, i) => (x[4 * i]! + x[4 * i + 1]! > 1 ? 1 : 0) + (i % 3 === 0 ? 1 : 0));
  const data = createDataset({ name: "synthetic", task: "classification", classes: ["a", "b", "c"], n, x, y, sampleShape: [4] });

  it("one step over k = 2 batches of 16 equals one trainer step on the batch of 32 they make up", async () => {
    const s = irisSetup({ batchNorm: false });
    const first32 = createDataset({ ...data, n: 32, x: x.subarray(0, 128), y: y.subarray(0, 32) });
    const trainer = createTrainer({ model: s.model, loss: s.loss, optimizer: s.optimizer, lr: 0.5 });
    const whole = await trainer.fit({ params: jax.tree.ref(s.params), buffers: {}, train: batchSource(first32, { batchSize: 32, seed: 0, shuffle: false }), epochs: 1, seed: 0 });
    trainer.dispose();
    const step = createAccumulatingStep(s);
    const halves = [...batchSource(first32, { batchSize: 16, seed: 0, shuffle: false }).epoch(0)];
    const accumulated = await step.step(jax.tree.ref(s.params), {}, s.optimizer.init(s.params), halves, 0.5, [1, 2]);
    step.dispose();
    let maxUpdate = 0;
    for (const name of Object.keys(s.params)) {
      const a = await accumulated.params[name]!.ref.data();
      const b = await whole.params[name]!.ref.data();
      const p = await s.params[name]!.ref.data();
      for (let i = 0; i < a.length; i++) {
        maxUpdate = Math.max(maxUpdate, Math.abs(b[i]! - p[i]!));
        expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-6);
      }
    }
    expect(maxUpdate).toBeGreaterThan(1e-3);
    jax.tree.dispose([s.params, whole.params, whole.optState, accumulated.params, accumulated.optState, accumulated.buffers]);
  });

  it("a range test accumulating 2 batches of 16 follows the one on batches of 32", async () => {
    const s = irisSetup({ batchNorm: false });
    const settings = { startLr: 1e-3, endLr: 1, numIter: 15, seed: 0 };
    const big = await lrRangeTest({ ...s, ...settings, train: source(data, 32) });
    const accumulated = await lrRangeTest({ ...s, ...settings, train: source(data, 16), accumulationSteps: 2 });
    expect(accumulated.rawLosses[0]).toBeCloseTo(big.rawLosses[0]!, 6);
    accumulated.rawLosses.forEach((loss, i) => expect(Math.abs(loss - big.rawLosses[i]!)).toBeLessThan(1e-4));
    jax.tree.dispose([s.params, s.buffers]);
  });
});
