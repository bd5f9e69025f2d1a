/**
 * The function of the parameters that a training step differentiates, for one batch:
 *
 *     θ ↦ (J(θ) = loss(model(θ, buffers, x; train, key), y),  buffers')
 *
 * with the model in train mode (dropout on with `key`, BatchNorm updating its running statistics,
 * which come back as the auxiliary output). The trainer's step and the range test's accumulating
 * step both differentiate this one closure.
 */
import type { JaxArray, Params } from "../engine/index.js";

/** What the trainer needs of a model: a pure forward pass over flat parameters and buffers. */
export interface TrainableModel {
  /** Whether the forward pass draws random numbers (dropout); only then does each step get its own PRNG key. */
  readonly random?: boolean;
  apply(params: Params, buffers: Params, x: JaxArray, ctx: { train: boolean; key?: JaxArray }): { y: JaxArray; buffers: Params };
}

/** A loss: the mean over the batch of the model's output against the targets; consumes both. */
export type LossFn = (output: JaxArray, target: JaxArray) => JaxArray;

export function trainingLoss(model: TrainableModel, loss: LossFn, buffers: Params, x: JaxArray, y: JaxArray, key: JaxArray): (params: Params) => [JaxArray, Params] {
  return (params) => {
    const out = model.apply(params, buffers, x, { train: true, key });
    return [loss(out.y, y), out.buffers];
  };
}
