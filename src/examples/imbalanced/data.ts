/**
 * The data of the imbalanced example: breast-cancer (569 tumours, 30 features) with *malignant* as
 * the positive class, label 1 — the rare, costly class, as fraud is in a fraud detector — and all
 * samples together (lrkit's held-out split is replaced by the example's own train/validation/test
 * split); and a heavily imbalanced variant that keeps every benign tumour and a seeded sample of
 * the malignant ones.
 */
import { createDataset, permutation, seededGenerator, subset, type ClassificationDataset } from "../../data/index.js";
import { loadDataset, type LoadOptions } from "../../data/node/index.js";

/** Mixed into the seed of the positive subsample, so it draws apart from splits and shuffles. */
const subsamplePurpose = 0x1b;

export async function malignantAsPositive(options: LoadOptions = {}): Promise<ClassificationDataset> {
  const { train, test } = (await loadDataset({ name: "breast-cancer" }, options)) as { train: ClassificationDataset; test: ClassificationDataset };
  const malignant = train.classes.indexOf("malignant");
  const n = train.n + test.n;
  const x = new Float32Array(n * train.sampleShape[0]!);
  x.set(train.x);
  x.set(test.x, train.x.length);
  const y = Int32Array.from([...train.y, ...test.y], (label) => (label === malignant ? 1 : 0));
  return createDataset<ClassificationDataset>({ task: "classification", name: "breast-cancer", n, x, y, sampleShape: train.sampleShape, classes: ["benign", "malignant"] });
}

/**
 * Every negative and k = max(1, round(f·N₋/(1 − f))) positives, so positives make up about a
 * fraction f of the result (7 of 364, 1.9%, for breast-cancer at f = 0.02); the positives kept
 * are the first k of a seeded permutation, and samples keep their original order.
 */
export function subsamplePositives(dataset: ClassificationDataset, fraction: number, seed: number): ClassificationDataset {
  const positives: number[] = [];
  const negatives: number[] = [];
  dataset.y.forEach((label, i) => (label === 1 ? positives : negatives).push(i));
  const k = Math.min(positives.length, Math.max(1, Math.round((fraction * negatives.length) / (1 - fraction))));
  const order = permutation(positives.length, seededGenerator(seed, subsamplePurpose));
  const keep = new Set(Array.from(order.subarray(0, k), (j) => positives[j]!));
  const indices = Array.from(dataset.y.keys()).filter((i) => dataset.y[i] === 0 || keep.has(i));
  return subset(dataset, indices, `${dataset.name}, ${k} of ${positives.length} positives`);
}

/** Number of samples with label 1. */
export function countPositives(dataset: ClassificationDataset): number {
  return dataset.y.reduce((count, label) => count + (label === 1 ? 1 : 0), 0);
}
