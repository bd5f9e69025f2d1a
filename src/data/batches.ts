/**
 * Mini-batches: the samples of one epoch, in order or in a seeded shuffled order, cut into
 * contiguous Float32Array blocks ready for `np.array(batch.x).reshape([batch.size, ...shape])`.
 */
import { ConfigError } from "../errors.js";
import { gatherRows, sampleSize } from "./dataset.js";
import { permutation, purpose, seededGenerator } from "./random.js";
import type { Dataset } from "./types.js";

/** `size` samples: x holds size·∏sampleShape values (row-major), y one label or target each. */
export interface Batch<Y extends Int32Array | Float32Array = Int32Array | Float32Array> {
  readonly x: Float32Array;
  readonly y: Y;
  readonly size: number;
}

export interface BatchOptions {
  /** Samples per batch, a positive integer (torch DataLoader's `batch_size`). */
  batchSize: number;
  /** Visit samples in a seeded random order (default false, as torch DataLoader's `shuffle`). */
  shuffle?: boolean;
  /** Seed of the shuffled order (default 0). */
  seed?: number;
  /** Epoch number; each epoch has its own order, a function of (seed, epoch) only (default 0). */
  epoch?: number;
  /** Drop the last batch when it has fewer than batchSize samples (default false, torch's `drop_last`). */
  dropLast?: boolean;
}

/** Number of batches in one epoch: ⌈n / B⌉, or ⌊n / B⌋ when the partial batch is dropped. */
export function batchCount(n: number, options: Pick<BatchOptions, "batchSize" | "dropLast">): number {
  const batchSize = checkBatchSize(options.batchSize);
  return options.dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

/**
 * The batches of one epoch (options are checked when called, not when first iterated). Unshuffled, batch k holds samples kB … kB+B−1, and its x and y are
 * views into the dataset (no copy). Shuffled, the order is a Fisher–Yates permutation drawn from
 * `seededGenerator(seed, purpose.shuffle, epoch)`, so every sample appears exactly once per epoch,
 * and each batch is gathered into fresh arrays, safe to keep after the next batch is drawn.
 */
export function batches<D extends Dataset>(dataset: D, options: BatchOptions): Generator<Batch<D["y"]>, void, undefined> {
  const batchSize = checkBatchSize(options.batchSize);
  const count = batchCount(dataset.n, options);
  const order = options.shuffle ? permutation(dataset.n, seededGenerator(options.seed ?? 0, purpose.shuffle, checkEpoch(options.epoch ?? 0))) : undefined;
  return cut(dataset, batchSize, count, order);
}

function* cut<D extends Dataset>(dataset: D, batchSize: number, count: number, order: Int32Array | undefined): Generator<Batch<D["y"]>, void, undefined> {
  const { n, x, y } = dataset;
  const d = sampleSize(dataset.sampleShape);
  for (let k = 0; k < count; k++) {
    const from = k * batchSize;
    const to = Math.min(from + batchSize, n);
    const size = to - from;
    if (!order) {
      yield { x: x.subarray(from * d, to * d), y: y.subarray(from, to) as D["y"], size };
      continue;
    }
    const bx = new Float32Array(size * d);
    gatherRows(x, d, order, from, to, bx);
    const by = dataset.task === "classification" ? new Int32Array(size) : new Float32Array(size);
    for (let i = 0; i < size; i++) by[i] = y[order[from + i]!]!;
    yield { x: bx, y: by as D["y"], size };
  }
}

function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ConfigError(`batchSize: must be a positive integer; got ${batchSize}`, "batches", "batchSize", batchSize);
  }
  return batchSize;
}

function checkEpoch(epoch: number): number {
  if (!Number.isInteger(epoch) || epoch < 0) throw new ConfigError(`epoch: must be a non-negative integer; got ${epoch}`, "batches", "epoch", epoch);
  return epoch;
}
