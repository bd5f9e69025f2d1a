/**
 * Adagrad's scaling (Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online
 * Learning and Stochastic Optimization"), as PyTorch computes it:
 *
 *     sₜ = sₜ₋₁ + g²          (s₀ = initial_accumulator_value)
 *     u  = g / (√sₜ + ε)
 */
import { jax, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { fullLikeParams, mapParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByAdagradOptions {
  eps: number;
  initialAccumulatorValue: number;
}

/** u ← g / (√Σg² + ε), see the module docstring. */
export function scaleByAdagrad({ eps, initialAccumulatorValue }: ScaleByAdagradOptions): GradientTransformation<{ sum: Params }> {
  return {
    init: (params) => ({ sum: fullLikeParams(params, initialAccumulatorValue) }),
    update(updates, state) {
      const sum: Params = {};
      const out = mapParams(updates, (g, name) => {
        const s = state.sum[name]!.add(g.ref.mul(g.ref));
        sum[name] = s.ref;
        return g.div(np.sqrt(s).add(scalarLike(eps, g)));
      });
      return [out, { sum }];
    },
  };
}
