/**
 * `runMnistCnn`: the seed's CNN example. Conv2d(1, 32, 3) → ReLU → MaxPool2d(2) → Conv2d(32, 64, 3)
 * → ReLU → MaxPool2d(2) → Flatten → Linear(1600, 10) (34,826 parameters, PyTorch's default init,
 * seeded), softmax cross-entropy, Adam η = 1e-3, batch 64, on MNIST's pixels scaled to [0, 1]:
 * a fixed budget of one epoch (938 steps over the 60,000 training images in a seeded shuffled
 * order), then accuracy on the 10,000 test images. About 1.5–2 minutes on this project's 2-core
 * machine when it is otherwise idle (~70–110 ms per step).
 */
import { runTraining } from "../../run/index.js";
import { z } from "zod";
import { head, type ClassificationDataset } from "../../data/index.js";
import { loadDataset } from "../../data/node/index.js";
import { parseSpec } from "../../spec/index.js";
import { type Callback } from "../../train/index.js";

export interface MnistCnnProgress {
  step: number;
  steps: number;
  loss: number;
}

export interface MnistCnnOptions {
  /** Training images (the first ones); default all 60,000. For quick checks. */
  trainImages?: number;
  /** Test images (the first ones); default all 10,000. */
  testImages?: number;
  seed?: number;
  onProgress?: (progress: MnistCnnProgress) => void;
}

export interface MnistCnnResult {
  seed: number;
  trainImages: number;
  testImages: number;
  steps: number;
  testAccuracy: number;
  testLoss: number;
  /** Mean training loss of the first and of the last 50 steps. */
  firstLoss: number;
  lastLoss: number;
  trainSeconds: number;
  /** Training and evaluation. */
  seconds: number;
}

const optionsSchema = z.strictObject({
  trainImages: z.int().positive().max(60000).optional(),
  testImages: z.int().positive().max(10000).optional(),
  seed: z.int().optional(),
  onProgress: z.custom<MnistCnnOptions["onProgress"]>((v) => typeof v === "function", "a function").optional(),
});

/** Loss averaged over this many steps at each end of the run. */
const window = 50;

export const mnistCnnConfig = {
  data: { name: "mnist" },
  model: { preset: "cnn" },
  optimizer: { type: "Adam", lr: 1e-3 },
  epochs: 1,
  batch_size: 64,
  val_fraction: 0,
} as const;

export async function runMnistCnn(options: MnistCnnOptions = {}): Promise<MnistCnnResult> {
  const { trainImages, testImages, seed = 0, onProgress } = parseSpec(optionsSchema, options, "mnist-cnn");
  const mnist = await loadDataset({ name: "mnist" });
  const data = {
    train: trainImages === undefined ? mnist.train : head(mnist.train as ClassificationDataset, trainImages),
    test: testImages === undefined ? mnist.test : head(mnist.test as ClassificationDataset, testImages),
  };
  const progress: Callback = {
    afterBatch(state) {
      const step = state.step + 1;
      if (step % 50 === 0 || step === state.stepsPerEpoch) onProgress?.({ step, steps: state.stepsPerEpoch, loss: state.loss });
    },
  };
  const run = await runTraining({ ...mnistCnnConfig, seed }, { data, callbacks: [progress], where: "mnist-cnn" });
  const losses = run.history.steps.loss;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    seed,
    trainImages: data.train.n,
    testImages: data.test.n,
    steps: run.steps,
    testAccuracy: run.metrics.test.accuracy!,
    testLoss: run.metrics.test.loss!,
    firstLoss: mean(losses.slice(0, window)),
    lastLoss: mean(losses.slice(-window)),
    trainSeconds: run.history.epochs[0]!.seconds,
    seconds: run.wall_seconds,
  };
}

