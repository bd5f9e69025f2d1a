/**
 * Seeded train/test (or train/validation) splits, stratified by class on request.
 */
import { ConfigError } from "../errors.js";
import { subset } from "./dataset.js";
import { permutation, purpose, seededGenerator } from "./random.js";
import type { Dataset, TrainTest } from "./types.js";

export interface SplitOptions {
  /** Fraction of the samples held out, in (0, 1). */
  testFraction: number;
  /** Seed of the random assignment (default 0). */
  seed?: number;
  /** Keep class proportions in both parts (default: true for classification, unavailable for regression). */
  stratify?: boolean;
}

/**
 * Split into `train` and `test` (named `<name>/train` and `<name>/test`), each keeping the
 * original sample order.
 *
 * The test part has n_test = ⌈f·n⌉ samples (scikit-learn's `train_test_split` count for a float
 * `test_size`). Unstratified: the first n_test positions of a seeded permutation of 0 … n−1.
 * Stratified: class c (n_c samples) gives ⌊f·n_c⌋ samples, and the n_test − Σ⌊f·n_c⌋ left over go
 * one each to the classes with the largest remainders f·n_c − ⌊f·n_c⌋ (ties to the lower class
 * index); within a class the test samples are the first of a seeded permutation of its samples.
 * Both parts must be non-empty.
 */
export function trainTestSplit<D extends Dataset>(dataset: D, options: SplitOptions): TrainTest<D> {
  const { testFraction: f, seed = 0 } = options;
  if (!(f > 0 && f < 1)) {
    throw new ConfigError(`split.testFraction: must be in (0, 1); got ${f}`, "split", "testFraction", f);
  }
  const stratify = options.stratify ?? dataset.task === "classification";
  if (stratify && dataset.task !== "classification") {
    throw new ConfigError(`split.stratify: only a classification dataset can be stratified; ${dataset.name} is ${dataset.task}`, "split", "stratify", true);
  }
  const n = dataset.n;
  const nTest = Math.ceil(f * n);
  if (nTest >= n) {
    throw new ConfigError(`split.testFraction: ${f} of ${n} samples leaves no training samples`, "split", "testFraction", f);
  }
  const rng = seededGenerator(seed, purpose.split);
  const inTest = new Uint8Array(n);
  if (dataset.task === "classification" && stratify) {
    const members = classMembers(dataset.y, dataset.classes.length);
    const quotas = stratifiedQuotas(members.map((m) => m.length), f, nTest);
    members.forEach((m, c) => {
      const order = permutation(m.length, rng);
      for (let k = 0; k < quotas[c]!; k++) inTest[m[order[k]!]!] = 1;
    });
  } else {
    const order = permutation(n, rng);
    for (let k = 0; k < nTest; k++) inTest[order[k]!] = 1;
  }
  const test: number[] = [];
  const train: number[] = [];
  for (let i = 0; i < n; i++) (inTest[i] ? test : train).push(i);
  return { train: subset(dataset, train, `${dataset.name}/train`), test: subset(dataset, test, `${dataset.name}/test`) };
}

function classMembers(labels: Int32Array, classCount: number): number[][] {
  const members: number[][] = Array.from({ length: classCount }, () => []);
  labels.forEach((label, i) => members[label]!.push(i));
  return members;
}

function stratifiedQuotas(counts: number[], f: number, total: number): number[] {
  const quotas = counts.map((c) => Math.floor(f * c));
  const byRemainder = counts.map((c, i) => ({ i, r: f * c - Math.floor(f * c) })).sort((a, b) => b.r - a.r || a.i - b.i);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    if (quotas[i]! < counts[i]!) {
      quotas[i]!++;
      left--;
    }
  }
  return quotas;
}
