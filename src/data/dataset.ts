/**
 * Building datasets: `createDataset` checks the invariants every other module relies on, and
 * `subset` gathers samples by index.
 */
import { DataError } from "./errors.js";
import type { ClassificationDataset, Dataset, RegressionDataset } from "./types.js";

/** Values per sample: ∏ sampleShape. */
export function sampleSize(sampleShape: readonly number[]): number {
  return sampleShape.reduce((a, b) => a * b, 1);
}

/**
 * Check and return a dataset. Throws a DataError naming the dataset when: the sample shape is not
 * a list of positive integers; `x` does not hold n·∏sampleShape values or `y` not n; a feature
 * (or a regression target) is NaN or ±Inf (naming the sample and feature, both 0-based); a class
 * label is not an integer in [0, classes.length).
 */
export function createDataset<D extends Dataset>(dataset: D): D {
  const { name, n, x, y, sampleShape } = dataset;
  if (!Number.isInteger(n) || n < 0) throw new DataError(`${name}: sample count must be a non-negative integer; got ${n}`, name);
  if (sampleShape.length === 0 || !sampleShape.every((s) => Number.isInteger(s) && s > 0)) {
    throw new DataError(`${name}: sampleShape must be a non-empty list of positive integers; got [${sampleShape.join(", ")}]`, name);
  }
  const d = sampleSize(sampleShape);
  if (x.length !== n * d) {
    throw new DataError(`${name}: x holds ${x.length} values; expected n × ∏sampleShape = ${n} × ${d} = ${n * d}`, name);
  }
  if (y.length !== n) throw new DataError(`${name}: y holds ${y.length} values; expected one per sample (${n})`, name);
  const bad = firstNonFinite(x);
  if (bad >= 0) {
    throw new DataError(`${name}: sample ${Math.floor(bad / d)}, feature ${bad % d} is ${x[bad]}; features must be finite`, name);
  }
  if (dataset.task === "classification") checkLabels(dataset);
  else checkTargets(dataset);
  return dataset;
}

function checkLabels({ name, y, classes }: ClassificationDataset): void {
  if (classes.length === 0) throw new DataError(`${name}: a classification dataset needs at least one class`, name);
  for (let i = 0; i < y.length; i++) {
    const label = y[i]!;
    if (label < 0 || label >= classes.length) {
      throw new DataError(`${name}: sample ${i} has label ${label}; valid labels are 0 … ${classes.length - 1} (${classes.length} classes)`, name);
    }
  }
}

function checkTargets({ name, y }: RegressionDataset): void {
  const bad = firstNonFinite(y);
  if (bad >= 0) throw new DataError(`${name}: sample ${bad} has target ${y[bad]}; targets must be finite`, name);
}

function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) {
    // v - v is 0 for finite v and NaN for NaN or ±Inf: one comparison per value on the hot path.
    const v = values[i]!;
    if (v - v !== 0) return i;
  }
  return -1;
}

/** The samples at `indices` (in that order), as a new dataset called `name`. */
export function subset<D extends Dataset>(dataset: D, indices: ArrayLike<number>, name: string): D {
  const d = sampleSize(dataset.sampleShape);
  const x = new Float32Array(indices.length * d);
  const y = dataset.task === "classification" ? new Int32Array(indices.length) : new Float32Array(indices.length);
  gatherRows(dataset.x, d, indices, 0, indices.length, x);
  for (let k = 0; k < indices.length; k++) y[k] = dataset.y[indices[k]!]!;
  return { ...dataset, name, n: indices.length, x, y };
}

/** Copy rows `indices[from … to)` of a row-major array with `d` values per row into `out`. */
export function gatherRows(source: Float32Array, d: number, indices: ArrayLike<number>, from: number, to: number, out: Float32Array): void {
  for (let k = from, o = 0; k < to; k++, o += d) {
    const start = indices[k]! * d;
    out.set(source.subarray(start, start + d), o);
  }
}

/** The first `count` samples of `dataset` (the dataset itself when it has no more than that). */
export function head<D extends Dataset>(dataset: D, count: number): D {
  return dataset.n <= count ? dataset : subset(dataset, Array.from({ length: count }, (_, i) => i), dataset.name);
}
