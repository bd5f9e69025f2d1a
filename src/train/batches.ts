/**
 * Feeds a host dataset to the jitted step: each epoch's seeded shuffled batches, turned into
 * jax-js arrays of shape [B, ...sampleShape] (features, float32) and [B] (int32 class indices, or
 * float32 targets). The order is a function of (seed, epoch) only, so a resumed run sees the same
 * batches as an uninterrupted one.
 */
import { batchCount, batches, type Dataset } from "../data/index.js";
import { jax, type JaxArray } from "../engine/index.js";

const np = jax.numpy;

export interface ArrayBatch {
  x: JaxArray;
  y: JaxArray;
  size: number;
}

export interface BatchSource {
  readonly batchesPerEpoch: number;
  epoch(index: number): Iterable<ArrayBatch>;
}

export interface BatchSourceOptions {
  batchSize: number;
  seed: number;
  shuffle?: boolean;
  dropLast?: boolean;
}

export function batchSource(dataset: Dataset, options: BatchSourceOptions): BatchSource {
  const shape = [...dataset.sampleShape];
  return {
    batchesPerEpoch: batchCount(dataset.n, options),
    *epoch(index: number) {
      for (const batch of batches(dataset, { ...options, shuffle: options.shuffle ?? true, epoch: index })) {
        yield {
          x: np.array(batch.x, { shape: [batch.size, ...shape], dtype: np.float32 }),
          y: np.array(batch.y, { shape: [batch.size], dtype: batch.y instanceof Int32Array ? np.int32 : np.float32 }),
          size: batch.size,
        };
      }
    },
  };
}
