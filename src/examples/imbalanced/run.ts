/**
 * `runImbalanced`: a fraud-detection-style binary classifier and its learning rate.
 *
 * Logistic regression (Linear(30, 1) on standardised features, BCE on the logit) trained by
 * mini-batch gradient descent — lrkit's SGD without momentum, batch 32, `epochs` epochs, the
 * seed's η = 0.005 and others — on two variants of breast-cancer with malignant as the positive
 * class: the data as it is (212 of 569 positive, 37%) and a heavily imbalanced one (every benign
 * tumour, positives subsampled to `positiveFraction`, default 2%: 7 of 364). Each is trained with
 * the plain loss and with PyTorch's `pos_weight` = N₋/N₊ of the training part, which weighs every
 * positive's loss term as N₋/N₊ negatives' so both classes carry equal total weight.
 *
 * Per repeat r (seed + r): a fresh subsample, a stratified split into train / validation / test
 * (50 / 25 / 25 %), standardisation fitted on train, one training run per (η, weighting) from the
 * same seeded initialisation, then on the test part: the counts of true positives, false positives
 * and false negatives at the default threshold ½ and at the threshold that maximised F1 on the
 * validation part (threshold.ts), and PR-AUC (average precision, threshold-free).
 *
 * With 7 positives a test part holds only 2, so one repeat's F1 can only be 0, ⅔, 0.8 or 1 and
 * the like; the example therefore pools the repeats (default 10): precision TP/(TP + FP),
 * recall TP/(TP + FN) and F1 2TP/(2TP + FP + FN) from the counts summed over the repeats (the
 * test predictions of all repeats taken together), and the mean t* and PR-AUC over repeats. Each
 * repeat's counts are kept in the result.
 */
import { runTraining } from "../../run/index.js";
import { z } from "zod";
import { fitStandardizer, trainTestSplit, type ClassificationDataset } from "../../data/index.js";
import { jax } from "../../engine/index.js";
import { averagePrecision, thresholdClasses } from "../../nn/index.js";
import { parseSpec } from "../../spec/index.js";
import { createEvaluator, createObjective } from "../../train/index.js";
import { confusion, pooledScores, type Confusion, type Scores } from "./confusion.js";
import { countPositives, malignantAsPositive, subsamplePositives } from "./data.js";
import { bestF1Threshold } from "./threshold.js";

export interface RepeatResult {
  seed: number;
  posWeight: number | null;
  atHalf: Confusion;
  /** The threshold chosen on the validation part. */
  threshold: number;
  atThreshold: Confusion;
  prAuc: number;
}

export interface ImbalancedRow {
  lr: number;
  weighted: boolean;
  /** From the counts summed over the repeats. */
  atHalf: Scores;
  atThreshold: Scores;
  /** Means over the repeats. */
  threshold: number;
  prAuc: number;
  repeats: RepeatResult[];
}

export interface PartCounts {
  samples: number;
  positives: number;
}

export interface ImbalancedVariant {
  name: string;
  /** Sizes of the first repeat's parts (stratified, so every repeat's are the same). */
  train: PartCounts;
  val: PartCounts;
  test: PartCounts;
  rows: ImbalancedRow[];
}

export interface ImbalancedProgress {
  variant: string;
  repeat: number;
  lr: number;
  weighted: boolean;
  /** 1-based index of the run that just finished, of `total`. */
  run: number;
  total: number;
}

export interface ImbalancedOptions {
  /** Learning rates. Default [0.0005, 0.005, 0.05, 0.5]. */
  lrs?: number[];
  /** Epochs per run. Default 50. */
  epochs?: number;
  batchSize?: number;
  /** The positives' share in the imbalanced variant, in (0, 0.5). Default 0.02. */
  positiveFraction?: number;
  /** Subsample-and-split repeats pooled per number. Default 10. */
  repeats?: number;
  seed?: number;
  onProgress?: (progress: ImbalancedProgress) => void;
}

export interface ImbalancedResult {
  epochs: number;
  batchSize: number;
  positiveFraction: number;
  repeats: number;
  seed: number;
  variants: ImbalancedVariant[];
  seconds: number;
}

const optionsSchema = z.strictObject({
  lrs: z.array(z.number().positive().finite()).min(1).optional(),
  epochs: z.int().positive().optional(),
  batchSize: z.int().positive().optional(),
  positiveFraction: z.number().gt(0).lt(0.5).optional(),
  repeats: z.int().positive().optional(),
  seed: z.int().optional(),
  onProgress: z.custom<ImbalancedOptions["onProgress"]>((v) => typeof v === "function", "a function").optional(),
});

const testFraction = 0.25;
/** Of what is left after the test part: 1/3 of 75 % is 25 % of the whole. */
const valFraction = 1 / 3;

interface Parts {
  train: ClassificationDataset;
  val: ClassificationDataset;
  test: ClassificationDataset;
}

export async function runImbalanced(options: ImbalancedOptions = {}): Promise<ImbalancedResult> {
  const parsed = parseSpec(optionsSchema, options, "imbalanced");
  const { lrs = [0.0005, 0.005, 0.05, 0.5], epochs = 50, batchSize = 32, positiveFraction = 0.02, repeats = 10, seed = 0, onProgress } = parsed;
  const started = performance.now();
  const full = await malignantAsPositive();
  const variants = [
    { name: "breast-cancer (as is)", data: () => full },
    { name: `imbalanced (positives subsampled to ${positiveFraction * 100}%)`, data: (s: number) => subsamplePositives(full, positiveFraction, s) },
  ];
  const settings = lrs.flatMap((lr) => [false, true].map((weighted) => ({ lr, weighted })));
  const total = variants.length * repeats * settings.length;
  let done = 0;
  const result: ImbalancedVariant[] = [];
  for (const variant of variants) {
    const perSetting: RepeatResult[][] = settings.map(() => []);
    let sizes: Pick<ImbalancedVariant, "train" | "val" | "test"> | undefined;
    for (let r = 0; r < repeats; r++) {
      const parts = splitParts(variant.data(seed + r), seed + r);
      sizes ??= { train: counts(parts.train), val: counts(parts.val), test: counts(parts.test) };
      for (const [i, { lr, weighted }] of settings.entries()) {
        perSetting[i]!.push(await trainAndScore(parts, { lr, weighted, epochs, batchSize, seed: seed + r }));
        onProgress?.({ variant: variant.name, repeat: r, lr, weighted, run: ++done, total });
      }
    }
    result.push({ name: variant.name, ...sizes!, rows: settings.map(({ lr, weighted }, i) => summarise(lr, weighted, perSetting[i]!)) });
  }
  return { epochs, batchSize, positiveFraction, repeats, seed, variants: result, seconds: (performance.now() - started) / 1000 };
}

/** Stratified 50 / 25 / 25 % split, standardised with the training part's statistics. */
export function splitParts(data: ClassificationDataset, seed: number): Parts {
  const outer = trainTestSplit(data, { testFraction, seed });
  const inner = trainTestSplit(outer.train, { testFraction: valFraction, seed });
  const standardizer = fitStandardizer(inner.train);
  return { train: standardizer.apply(inner.train), val: standardizer.apply(inner.test), test: standardizer.apply(outer.test) };
}

function counts(dataset: ClassificationDataset): PartCounts {
  return { samples: dataset.n, positives: countPositives(dataset) };
}

async function trainAndScore(parts: Parts, run: { lr: number; weighted: boolean; epochs: number; batchSize: number; seed: number }): Promise<RepeatResult> {
  const positives = countPositives(parts.train);
  const posWeight = run.weighted ? (parts.train.n - positives) / positives : null;
  const loss = posWeight === null ? { type: "BCEWithLogitsLoss" } : { type: "BCEWithLogitsLoss", pos_weight: posWeight };
  const config = {
    data: { name: "breast-cancer" },
    model: { preset: "logistic" },
    loss,
    optimizer: { type: "SGD", lr: run.lr },
    epochs: run.epochs,
    batch_size: run.batchSize,
    seed: run.seed,
    val_fraction: 0,
    standardize: false,
    divergence: false,
  };
  const trained = await runTraining(config, { data: { train: parts.train, test: parts.val }, keepParams: true, where: "imbalanced" });
  const evaluator = createEvaluator(trained.model, createObjective(parts.train, loss));
  try {
    const probabilities = async (dataset: ClassificationDataset) => {
      const { outputs } = await evaluator.outputs(trained.params!, trained.buffers!, dataset);
      return Float64Array.from(outputs, (z) => 1 / (1 + Math.exp(-z)));
    };
    const val = await probabilities(parts.val);
    const test = await probabilities(parts.test);
    const { threshold } = bestF1Threshold(parts.val.y, val);
    return {
      seed: run.seed,
      posWeight,
      atHalf: confusion(thresholdClasses(test, 0.5), parts.test.y),
      threshold,
      atThreshold: confusion(thresholdClasses(test, threshold), parts.test.y),
      prAuc: averagePrecision(parts.test.y, test),
    };
  } finally {
    evaluator.dispose();
    jax.tree.dispose({ params: trained.params, buffers: trained.buffers });
  }
}

function summarise(lr: number, weighted: boolean, repeats: RepeatResult[]): ImbalancedRow {
  const mean = (pick: (r: RepeatResult) => number) => repeats.reduce((sum, r) => sum + pick(r), 0) / repeats.length;
  return {
    lr,
    weighted,
    atHalf: pooledScores(repeats.map((r) => r.atHalf)),
    atThreshold: pooledScores(repeats.map((r) => r.atThreshold)),
    threshold: mean((r) => r.threshold),
    prAuc: mean((r) => r.prAuc),
    repeats,
  };
}
