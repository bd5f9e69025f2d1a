/**
 * `runFineTune`: transfer learning and the learning rate. The seed CNN is pre-trained on MNIST
 * (Adam 1e-3, batch 64, one epoch: 938 steps), then fine-tuned on Fashion-MNIST for a short,
 * fixed budget — `fineTuneSteps` steps of batch 64 (default 200: one pass over the first 12,800
 * training images, in a seeded shuffled order) — in each of the ways of strategies.ts. Every
 * pre-trained run starts from the same weights: the pre-trained conv layers and one freshly
 * initialised head (Linear(1600, 10), PyTorch's default init, seed + 1), since the ten clothing
 * classes are not the ten digits.
 *
 * Reported per run: Fashion-MNIST test accuracy (on the first `testImages` test images, default
 * all 10,000), the mean training loss of the last 50 steps, the relative weight change per layer
 * ‖W_after − W_before‖/‖W_before‖ (weight-change.ts; for the head, from its fresh init), and for
 * the frozen run whether the conv layers are bit-identical afterwards. Nothing is cached between
 * processes: every call pre-trains again.
 *
 * Time: 938 + 5 × 200 steps at ~70–110 ms each on this project's 2-core machine, plus six
 * evaluations: about 3–4 minutes when the machine is otherwise idle.
 */
import { runTraining } from "../../run/index.js";
import { z } from "zod";
import { head, type ClassificationDataset } from "../../data/index.js";
import { loadDataset } from "../../data/node/index.js";
import { jax, type Params } from "../../engine/index.js";
import { countParameters } from "../../nn/index.js";
import { createOptimizer } from "../../optim/index.js";
import { createScheduler } from "../../schedules/index.js";
import { parseSpec } from "../../spec/index.js";
import { batchSource, createEvaluator, createObjective, createTrainer, history, scheduleLr, type Callback } from "../../train/index.js";
import { strategies, type Strategy, type StrategyName } from "./strategies.js";
import { identical, relativeChange, toHost } from "./weight-change.js";

export interface FineTuneProgress {
  /** "pretrain" or the strategy's name. */
  phase: "pretrain" | StrategyName;
  /** Steps done in this phase, of `steps`. */
  step: number;
  steps: number;
  loss: number;
}

export interface FineTuneOptions {
  /** MNIST training images for pre-training (one epoch over the first ones). Default 60000. */
  pretrainImages?: number;
  /** Fine-tuning steps per strategy. Default 200. */
  fineTuneSteps?: number;
  batchSize?: number;
  /** Test images evaluated (the first ones of each test set). Default 10000. */
  testImages?: number;
  seed?: number;
  /** Only these strategies (default all, in strategies.ts order). */
  only?: StrategyName[];
  onProgress?: (progress: FineTuneProgress) => void;
}

export interface FineTuneRun {
  name: StrategyName;
  label: string;
  optimizer: Strategy["optimizer"];
  warmupSteps: number;
  /** The top-level (head's) η at every step; the other groups step at their fixed ratio to it. */
  lr: number[];
  testAccuracy: number;
  /** Mean training loss of the last 50 steps. */
  finalLoss: number;
  /** ‖W_after − W_before‖/‖W_before‖ per layer: conv1, conv2, head. */
  change: { conv1: number; conv2: number; head: number };
  /** For the frozen run: whether every frozen parameter kept its exact bits. */
  frozenIdentical?: boolean;
  seconds: number;
}

export interface FineTuneResult {
  parameters: number;
  batchSize: number;
  seed: number;
  pretrain: { images: number; steps: number; mnistTestAccuracy: number; seconds: number };
  fineTuneSteps: number;
  fineTuneImages: number;
  testImages: number;
  runs: FineTuneRun[];
  seconds: number;
}

const strategyNames = strategies.map((s) => s.name) as [StrategyName, ...StrategyName[]];

const optionsSchema = z.strictObject({
  pretrainImages: z.int().positive().max(60000).optional(),
  fineTuneSteps: z.int().positive().optional(),
  batchSize: z.int().positive().optional(),
  testImages: z.int().positive().max(10000).optional(),
  seed: z.int().optional(),
  only: z.array(z.enum(strategyNames)).min(1).optional(),
  onProgress: z.custom<FineTuneOptions["onProgress"]>((v) => typeof v === "function", "a function").optional(),
});

const lossWindow = 50;

export async function runFineTune(options: FineTuneOptions = {}): Promise<FineTuneResult> {
  const parsed = parseSpec(optionsSchema, options, "fine-tune");
  const { pretrainImages = 60000, fineTuneSteps = 200, batchSize = 64, testImages = 10000, seed = 0, only, onProgress } = parsed;
  const started = performance.now();
  const mnist = await loadDataset({ name: "mnist" });
  const fashion = await loadDataset({ name: "fashion-mnist" });
  const fineTuneImages = Math.min(fineTuneSteps * batchSize, fashion.train.n);
  const mnistTrain = head(mnist.train as ClassificationDataset, pretrainImages);
  const fashionTrain = head(fashion.train as ClassificationDataset, fineTuneImages);
  const fashionTest = head(fashion.test as ClassificationDataset, testImages);

  const pretrainStarted = performance.now();
  const pretrained = await runTraining(
    { data: { name: "mnist" }, model: { preset: "cnn" }, optimizer: { type: "Adam", lr: 1e-3 }, epochs: 1, batch_size: batchSize, seed, val_fraction: 0 },
    { data: { train: mnistTrain, test: head(mnist.test as ClassificationDataset, testImages) }, keepParams: true, callbacks: [progress("pretrain", onProgress)], where: "fine-tune.pretrain" },
  );
  const pretrain = { images: mnistTrain.n, steps: pretrained.steps, mnistTestAccuracy: pretrained.metrics.test.accuracy!, seconds: (performance.now() - pretrainStarted) / 1000 };

  const model = pretrained.model;
  const objective = createObjective(fashionTrain, "CrossEntropyLoss");
  const evaluator = createEvaluator(model, objective);
  const fresh = model.init({ seed: seed + 1 });
  const scratch = model.init({ seed });
  const start: Params = { ...pick(pretrained.params!, (name) => !name.startsWith("7.")), ...pick(fresh.params, (name) => name.startsWith("7.")) };
  jax.tree.dispose(pick(pretrained.params!, (name) => name.startsWith("7.")));
  jax.tree.dispose({ params: pick(fresh.params, (name) => !name.startsWith("7.")), buffers: fresh.buffers });
  const buffers = pretrained.buffers!;
  const parameters = countParameters(start);

  const runs: FineTuneRun[] = [];
  try {
    for (const strategy of strategies.filter((s) => !only || only.includes(s.name))) {
      const runStarted = performance.now();
      const initial = strategy.pretrained ? start : scratch.params;
      const initialBuffers = strategy.pretrained ? buffers : scratch.buffers;
      const before = await toHost(initial);
      const optimizer = createOptimizer(strategy.optimizer, `fine-tune.${strategy.name}.optimizer`);
      const lr = optimizer.lr;
      const warmupSteps = strategy.warmupFraction ? Math.max(1, Math.round(strategy.warmupFraction * fineTuneSteps)) : 0;
      const log = history();
      const callbacks: Callback[] = [log, progress(strategy.name, onProgress)];
      if (warmupSteps > 0) callbacks.unshift(scheduleLr(createScheduler({ type: "LinearLR", start_factor: 0.01, end_factor: 1, total_iters: warmupSteps }, lr)));
      const trainer = createTrainer({ model, loss: objective.loss, optimizer, lr });
      const out = await trainer.fit({
        params: jax.tree.ref(initial),
        buffers: jax.tree.ref(initialBuffers),
        train: batchSource(fashionTrain, { batchSize, seed }),
        epochs: 1,
        seed,
        callbacks,
      });
      trainer.dispose();
      const metrics = await evaluator.evaluate(out.params, out.buffers, fashionTest);
      const after = await toHost(out.params);
      jax.tree.dispose({ params: out.params, buffers: out.buffers, optState: out.optState });
      const change = relativeChange(before, after);
      const losses = log.steps.loss.slice(-lossWindow);
      runs.push({
        name: strategy.name,
        label: strategy.label,
        optimizer: strategy.optimizer,
        warmupSteps,
        lr: log.steps.lr,
        testAccuracy: metrics.accuracy!,
        finalLoss: losses.reduce((a, b) => a + b, 0) / losses.length,
        change: { conv1: change["0"]!, conv2: change["3"]!, head: change["7"]! },
        ...(strategy.frozen ? { frozenIdentical: identical(before, after, strategy.frozen) } : {}),
        seconds: (performance.now() - runStarted) / 1000,
      });
    }
  } finally {
    evaluator.dispose();
    jax.tree.dispose({ start, scratch, buffers });
  }
  return {
    parameters,
    batchSize,
    seed,
    pretrain,
    fineTuneSteps: Math.ceil(fineTuneImages / batchSize),
    fineTuneImages,
    testImages: fashionTest.n,
    runs,
    seconds: (performance.now() - started) / 1000,
  };
}


function pick(params: Params, keep: (name: string) => boolean): Params {
  return Object.fromEntries(Object.entries(params).filter(([name]) => keep(name)));
}

/** Reports every 50th step and the last one of a phase. */
function progress(phase: FineTuneProgress["phase"], onProgress: FineTuneOptions["onProgress"]): Callback {
  return {
    afterBatch(state) {
      const step = state.step + 1;
      if (onProgress && (step % 50 === 0 || step === state.stepsPerEpoch)) onProgress({ phase, step, steps: state.stepsPerEpoch, loss: state.loss });
    },
  };
}
