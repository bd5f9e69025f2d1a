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
import type { LossFn, TrainableModel } from "./trainer.js";

export function trainingLoss(model: TrainableModel, loss: LossFn, buffers: Params, x: JaxArray, y: JaxArray, key: JaxArray): (params: Params) => [JaxArray, Params] {
  return (params) => {
    const out = model.apply(params, buffers, x, { train: true, key });
    return [loss(out.y, y), out.buffers];
  };
}
