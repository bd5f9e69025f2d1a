/**
 * Clipping as the first link of an optimizer's chain, as optax writes
 * `chain(clip_by_global_norm(1.0), adamw(...))`:
 *
 *     g ← clip(g; θ)              global over every parameter (norm, value, per tensor, AGC)
 *     θ', s' = optimizer(θ, g, s; hyper)
 *
 * The clipping transformation gets the step's parameters and hyper-parameters like every other
 * link, and its state travels in the optimizer state (`state.clip`), so a jitted step carries it.
 * Clipping is global, so it stands before the split into parameter groups, not inside each group's
 * chain. The clipping lrkit has keeps no arrays (its state is an empty record), so saved optimizer
 * state is the chain's and loading rebuilds the empty clipping state.
 */
import type { ArrayTree, Params } from "../engine/index.js";
import type { GradientTransformation, Optimizer, OptimizerState } from "./types.js";

export function withClipping(clip: GradientTransformation<ArrayTree>, optimizer: Optimizer): Optimizer {
  const split = (state: OptimizerState): [OptimizerState, OptimizerState["clip"]] => {
    const { clip: clipState, ...rest } = state;
    return [rest, clipState];
  };
  return {
    defaults: optimizer.defaults,
    paramGroups: optimizer.paramGroups,
    lr: optimizer.lr,
    hasMomentum: optimizer.hasMomentum,
    init: (params: Params) => ({ ...optimizer.init(params), clip: clip.init(params) }),
    step(params, grads, state, hyper = {}) {
      const [rest, clipState] = split(state);
      const [clipped, nextClip] = clip.update(grads, clipState ?? clip.init(params), params, hyper);
      const [next, nextState] = optimizer.step(params, clipped, rest, hyper);
      return [next, { ...nextState, clip: nextClip }];
    },
    evalParams: (params, state) => optimizer.evalParams(params, split(state)[0]),
    saveState: (state) => optimizer.saveState(split(state)[0]),
    loadState: (data, params) => ({ ...optimizer.loadState(data, params), clip: clip.init(params) }),
  };
}
