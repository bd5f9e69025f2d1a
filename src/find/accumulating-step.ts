/**
 * A range-test step that averages gradients over k batches before one optimizer update (gradient
 * accumulation, for batches too large to fit at once):
 *
 *     g = (1/k) Σ_{j=1..k} ∇ℓ_j(θ),   ℓ̄ = (1/k) Σ ℓ_j,   θ', s' = optimizer(θ, g, s; η)     (clipping leads the optimizer's chain)
 *
 * For a loss that is a batch mean and k batches of equal size b, g is the gradient of the mean
 * loss over the k·b samples, so the update equals one step on a batch of k·b (up to float
 * rounding); BatchNorm running statistics advance once per batch, as in PyTorch. The trainer's step
 * fuses gradient and update, so this builds its own pieces, each jitted once: the first batch's
 * value and gradient, the same added to running sums for the others, and the update with η and
 * 1/k as traced scalars. A step reads back one scalar, the summed loss.
 */
import type { ArrayBatch } from "../train/index.js";
import { jax, type DType, type JaxArray, type Params } from "../engine/index.js";
import type { Optimizer, OptimizerState } from "../optim/index.js";
import { trainingLoss, type LossFn, type TrainableModel } from "../train/index.js";

const np = jax.numpy;

export interface AccumulatingStepSetup {
  model: TrainableModel;
  loss: LossFn;
  optimizer: Optimizer;
}

export interface AccumulatedStepOutput {
  params: Params;
  buffers: Params;
  optState: OptimizerState;
  /** Mean of the batches' losses. */
  loss: number;
}

type Sums = { grads: Params; loss: JaxArray };

export function createAccumulatingStep(setup: AccumulatingStepSetup) {
  const { model, loss, optimizer } = setup;

  const valueAndGrads = (params: Params, buffers: Params, x: JaxArray, y: JaxArray, key: JaxArray) => {
    const [[value, newBuffers], grads] = jax.valueAndGrad(trainingLoss(model, loss, buffers, x, y, key), { hasAux: true })(params);
    return { sums: { grads, loss: value } as Sums, buffers: newBuffers };
  };
  const first = jax.jit(valueAndGrads);
  const next = jax.jit((sums: Sums, params: Params, buffers: Params, x: JaxArray, y: JaxArray, key: JaxArray) => {
    const out = valueAndGrads(params, buffers, x, y, key);
    const grads = jax.tree.map((a: JaxArray, b: JaxArray) => a.add(b), sums.grads, out.sums.grads);
    return { sums: { grads, loss: sums.loss.add(out.sums.loss) }, buffers: out.buffers };
  });
  const update = jax.jit((params: Params, sums: Params, optState: OptimizerState, lr: JaxArray, scale: JaxArray) => {
    const mean = jax.tree.map((g: JaxArray) => g.mul(scale.ref), sums);
    scale.dispose();
    const hyper = { lr };
    const [newParams, newOptState] = optimizer.step(params, mean, optState, hyper);
    jax.tree.dispose(hyper);
    return { params: newParams, optState: newOptState };
  });

  return {
    /**
     * One update from `batches` (k of them) at η = `lr`; consumes params, buffers, optState and the
     * batches' arrays. `seeds` give each batch's dropout key.
     */
    async step(params: Params, buffers: Params, optState: OptimizerState, batches: readonly ArrayBatch[], lr: number, seeds: readonly number[]): Promise<AccumulatedStepOutput> {
      const dtype: DType = Object.values(params)[0]?.dtype ?? np.float32;
      let out = first(jax.tree.ref(params), buffers, batches[0]!.x, batches[0]!.y, jax.random.key(seeds[0]!));
      for (let j = 1; j < batches.length; j++) {
        out = next(out.sums, jax.tree.ref(params), out.buffers, batches[j]!.x, batches[j]!.y, jax.random.key(seeds[j]!));
      }
      const stepped = update(params, out.sums.grads, optState, np.full([], lr, { dtype }), np.full([], 1 / batches.length, { dtype }));
      const lossSum = (await out.sums.loss.data())[0]!;
      return { params: stepped.params, buffers: out.buffers, optState: stepped.optState, loss: lossSum / batches.length };
    },
    dispose() {
      first.dispose();
      next.dispose();
      update.dispose();
    },
  };
}
