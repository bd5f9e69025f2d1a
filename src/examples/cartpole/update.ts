/**
 * One jitted policy-gradient update: REINFORCE with a learned value baseline (Williams 1992;
 * Sutton & Barto, 2nd ed., §13.4), over a padded batch of episode steps.
 *
 * For the N valid steps t of the batch (mask mₜ = 1; padding rows have mₜ = 0), with Ĝₜ the
 * discounted returns normalised over the batch (returns.ts) and V the value network:
 *
 *   Aₜ   = Ĝₜ − sg(V(sₜ))                                  (sg: stop-gradient, the baseline is a constant for the policy)
 *   L_π  = −(1/N) Σₜ mₜ · log π(aₜ | sₜ) · Aₜ
 *   L_V  = ½ · (1/N) Σₜ mₜ · (V(sₜ) − Ĝₜ)²
 *   L    = L_π + L_V,   N = Σₜ mₜ
 *
 * and one optimizer step on ∇L with the learning rate η passed as a 0-d array, so neither η nor
 * the episode lengths recompile the step: the batch always has `capacity` rows.
 */
import { jax, type JaxArray, type Params } from "../../engine/index.js";
import type { Optimizer, OptimizerState } from "../../optim/index.js";
import type { ActorCritic } from "./policy.js";

const np = jax.numpy;

/** A padded batch: observations [capacity, 4] float32, actions [capacity] int32, normalised returns and mask [capacity] float32. */
export type Batch = {
  observations: JaxArray;
  actions: JaxArray;
  returns: JaxArray;
  mask: JaxArray;
};

export type UpdateResult = {
  params: Params;
  state: OptimizerState;
  /** L before the step. */
  loss: JaxArray;
};

/** L above for `params` (borrowed) on `batch` (consumed). Traceable. */
export function actorCriticLoss(net: ActorCritic, params: Params, batch: Batch): JaxArray {
  const { observations, actions, returns, mask } = batch;
  const logp = jax.nn.logSoftmax(net.logits(params, observations.ref), -1);
  const taken = np.equal(actions.reshape([-1, 1]), np.arange(2, undefined, undefined, { dtype: np.int32 }));
  const logpTaken = np.where(taken, logp, 0).sum(-1);
  const values = net.values(params, observations);
  const advantage = returns.ref.sub(jax.lax.stopGradient(values.ref));
  const count = mask.ref.sum();
  const policyLoss = logpTaken.mul(advantage).mul(mask.ref).sum().neg();
  const error = values.sub(returns);
  const valueLoss = error.ref.mul(error).mul(mask).sum().mul(0.5);
  return policyLoss.add(valueLoss).div(count);
}

/**
 * The jitted update: (params, state, batch, lr) → new params, state and the loss before the step.
 * Consumes all its arguments. Call `.dispose()` on it when done.
 */
export function createUpdate(net: ActorCritic, optimizer: Optimizer) {
  return jax.jit((params: Params, state: OptimizerState, batch: Batch, lr: JaxArray): UpdateResult => {
    const [loss, grads] = jax.valueAndGrad((p: Params) => actorCriticLoss(net, p, batch))(jax.tree.ref(params));
    const [next, nextState] = optimizer.step(params, grads, state, { lr });
    lr.dispose();
    return { params: next, state: nextState, loss };
  });
}
