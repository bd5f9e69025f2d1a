/**
 * The loss on a fixed validation set, for range tests that score each η by held-out loss instead
 * of the step's training loss (the `val_loader` option of Smith's test as torch-lr-finder runs
 * it). The model runs in eval mode (BatchNorm running statistics, no dropout); the set is cut into
 * chunks of at most `chunkSize` samples whose arrays stay on the device for the whole test, their
 * batch-mean losses are combined on the device into the set's mean, and one scalar is read back.
 *
 * Cost: one forward pass over m samples per step. A training step on a batch of B is about three
 * forward passes' worth (forward and backward), so each step costs about 1 + m / (3B) training
 * steps: m = B adds a third, m = 10·B makes the test about four times as slow.
 */
import type { Dataset } from "../data/index.js";
import { batches } from "../data/index.js";
import { jax, type JaxArray, type Params } from "../engine/index.js";
import type { LossFn, TrainableModel } from "../train/index.js";

const np = jax.numpy;

export interface ValidationLoss {
  /** The mean loss over the set; borrows params and buffers. */
  evaluate(params: Params, buffers: Params): Promise<number>;
  dispose(): void;
}

export function validationLoss(model: TrainableModel, loss: LossFn, dataset: Dataset, chunkSize = 1000): ValidationLoss {
  const forward = jax.jit((params: Params, buffers: Params, x: JaxArray, y: JaxArray) => {
    const out = model.apply(params, buffers, x, { train: false });
    jax.tree.dispose(out.buffers);
    return loss(out.y, y);
  });
  const chunks = [...batches(dataset, { batchSize: chunkSize })].map((batch) => ({
    x: np.array(batch.x, { shape: [batch.size, ...dataset.sampleShape], dtype: np.float32 }),
    y: np.array(batch.y, { shape: [batch.size], dtype: batch.y instanceof Int32Array ? np.int32 : np.float32 }),
    weight: batch.size / dataset.n,
  }));
  return {
    async evaluate(params, buffers) {
      let total: JaxArray | undefined;
      for (const chunk of chunks) {
        const part = forward(jax.tree.ref(params), jax.tree.ref(buffers), chunk.x.ref, chunk.y.ref).mul(chunk.weight);
        total = total ? total.add(part) : part;
      }
      return (await total!.data())[0]!;
    },
    dispose() {
      forward.dispose();
      for (const chunk of chunks) jax.tree.dispose([chunk.x, chunk.y]);
    },
  };
}
