/**
 * Rprop, resilient backpropagation (Riedmiller & Braun 1993, "A Direct Adaptive Method for
 * Faster Backpropagation Learning: The RPROP Algorithm"), as PyTorch computes it, elementwise:
 *
 *     s  = sign(g·gₜ₋₁)
 *     ηₜ = η₊ where s > 0, η₋ where s < 0, 1 where s = 0
 *     δₜ = clamp(δₜ₋₁·ηₜ, step_min, step_max)        (δ₀ = lr)
 *     g  ← 0 where s < 0                              (a sign change skips this step)
 *     u  = −sign(g)·δₜ,   gₜ = g
 *
 * The output is the whole step (it already carries the sign and size), so no learning-rate
 * scaling follows; `lr` only sets the initial step size δ₀, which is why a per-step `hyper.lr`
 * does not change Rprop (as in PyTorch, where a scheduler changing `lr` after the first step has
 * no effect).
 */
import { jax, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { fullLikeParams, mapParams, signOf, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByRpropOptions {
  etaMinus: number;
  etaPlus: number;
  stepMin: number;
  stepMax: number;
  initialStep: number;
}

export interface RpropState {
  previous: Params;
  stepSize: Params;
}

/** Rprop's signed, self-sized step, see the module docstring. */
export function scaleByRprop({ etaMinus, etaPlus, stepMin, stepMax, initialStep }: ScaleByRpropOptions): GradientTransformation<RpropState> {
  return {
    init: (params) => ({ previous: zerosLikeParams(params), stepSize: fullLikeParams(params, initialStep) }),
    update(updates, state) {
      const previous: Params = {};
      const stepSize: Params = {};
      const out = mapParams(updates, (g, name) => {
        const product = g.ref.mul(state.previous[name]!);
        const zero = scalarLike(0, g);
        const grew = product.ref.greater(zero.ref);
        const flipped = product.less(zero.ref);
        const factor = np.where(grew, scalarLike(etaPlus, g), np.where(flipped.ref, scalarLike(etaMinus, g), scalarLike(1, g)));
        const step = np.clip(state.stepSize[name]!.mul(factor), scalarLike(stepMin, g), scalarLike(stepMax, g));
        const kept = np.where(flipped, zero, g);
        stepSize[name] = step.ref;
        previous[name] = kept.ref;
        return signOf(kept).mul(step).neg();
      });
      return [out, { previous, stepSize }];
    },
  };
}
