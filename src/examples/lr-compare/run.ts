/**
 * `runLrCompare`: the seed's "experiment with different learning rates on MNIST". The seed CNN
 * (see mnist-cnn) is trained with plain SGD (no momentum) at each η in `lrs` — default 1e-3,
 * 1e-2, 1e-1, 1 and 10 — from the same seeded initialisation, over the same batches: a fixed budget
 * of `steps` steps of batch 64 (default 300: one pass over the first 19,200 training images in a
 * seeded shuffled order), then test accuracy on the first `testImages` test images (default all
 * 10,000). The trainer's divergence guard (default settings: stop on a non-finite loss, or once the
 * smoothed loss exceeds 4× its best and the first step's loss) ends a run that blows up; it is
 * then scored as it stands.
 *
 * Reported per η: the loss at every step (for the chart), the mean loss of the last 50 steps,
 * test accuracy, and why a run stopped early. With seed 0, η = 0.1 does best; η = 10 is too
 * large without tripping the guard: its loss spikes to ~20 in the first steps (inside the guard's
 * 10 warm-up steps), then sits at chance level, the network predicting "1" for every image. About
 * 3 minutes on this project's 2-core machine when it is otherwise idle (5 × 300 steps at
 * ~70–110 ms, plus five evaluations).
 */
import { runTraining } from "../../run/index.js";
import { z } from "zod";
import { head, type ClassificationDataset } from "../../data/index.js";
import { loadDataset } from "../../data/node/index.js";
import { parseSpec } from "../../spec/index.js";
import { type Callback } from "../../train/index.js";

export interface LrCompareProgress {
  lr: number;
  step: number;
  steps: number;
  loss: number;
}

export interface LrCompareOptions {
  /** Learning rates of SGD. Default [1e-3, 1e-2, 1e-1, 1, 10]. */
  lrs?: number[];
  /** Steps per η. Default 300. */
  steps?: number;
  batchSize?: number;
  /** Test images (the first ones). Default 10000. */
  testImages?: number;
  seed?: number;
  onProgress?: (progress: LrCompareProgress) => void;
}

export interface LrCompareRun {
  lr: number;
  /** Steps taken (fewer than the budget when the run diverged). */
  steps: number;
  /** The training loss of each step taken. */
  loss: number[];
  /** Mean loss of the last 50 steps taken. */
  finalLoss: number;
  testAccuracy: number;
  /** Why the run stopped early (the divergence guard's reason), or null. */
  stopped: string | null;
  seconds: number;
}

export interface LrCompareResult {
  steps: number;
  batchSize: number;
  testImages: number;
  seed: number;
  runs: LrCompareRun[];
  seconds: number;
}

const optionsSchema = z.strictObject({
  lrs: z.array(z.number().positive().finite()).min(1).optional(),
  steps: z.int().positive().optional(),
  batchSize: z.int().positive().optional(),
  testImages: z.int().positive().max(10000).optional(),
  seed: z.int().optional(),
  onProgress: z.custom<LrCompareOptions["onProgress"]>((v) => typeof v === "function", "a function").optional(),
});

const window = 50;

export async function runLrCompare(options: LrCompareOptions = {}): Promise<LrCompareResult> {
  const parsed = parseSpec(optionsSchema, options, "lr-compare");
  const { lrs = [1e-3, 1e-2, 1e-1, 1, 10], steps = 300, batchSize = 64, testImages = 10000, seed = 0, onProgress } = parsed;
  const started = performance.now();
  const mnist = await loadDataset({ name: "mnist" });
  const data = { train: head(mnist.train as ClassificationDataset, steps * batchSize), test: head(mnist.test as ClassificationDataset, testImages) };
  const runs: LrCompareRun[] = [];
  for (const lr of lrs) {
    const progress: Callback = {
      afterBatch(state) {
        const step = state.step + 1;
        if (step % 50 === 0 || step === state.stepsPerEpoch) onProgress?.({ lr, step, steps: state.stepsPerEpoch, loss: state.loss });
      },
    };
    const config = { data: { name: "mnist" }, model: { preset: "cnn" }, optimizer: { type: "SGD", lr }, epochs: 1, batch_size: batchSize, seed, val_fraction: 0 };
    const run = await runTraining(config, { data, callbacks: [progress], where: "lr-compare" });
    const loss = run.history.steps.loss;
    const tail = loss.slice(-window);
    runs.push({
      lr,
      steps: run.steps,
      loss,
      finalLoss: tail.reduce((a, b) => a + b, 0) / tail.length,
      testAccuracy: run.metrics.test.accuracy!,
      stopped: run.stopped?.reason ?? null,
      seconds: run.wall_seconds,
    });
  }
  return { steps: Math.ceil(data.train.n / batchSize), batchSize, testImages: data.test.n, seed, runs, seconds: (performance.now() - started) / 1000 };
}

