/**
 * RMSprop's scaling (Hinton, "Neural Networks for Machine Learning", lecture 6e; centred form:
 * Graves 2013, "Generating Sequences With Recurrent Neural Networks"), as PyTorch computes it:
 *
 *     vₜ = α·vₜ₋₁ + (1 − α)·g²
 *     ḡₜ = α·ḡₜ₋₁ + (1 − α)·g                     (centered only)
 *     u  = g / (√(vₜ − ḡₜ²) + ε)   if centered, else g / (√vₜ + ε)
 *
 * ε is added outside the square root; both averages start at zero.
 */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { ema, emaOfSquare } from "./scale-by-adam.js";
import { mapParams, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByRmsOptions {
  alpha: number;
  eps: number;
  centered: boolean;
}

export interface RmsState {
  nu: Params;
  mu?: Params;
}

/** u ← g / (√(v − ḡ²) + ε), see the module docstring. */
export function scaleByRms({ alpha, eps, centered }: ScaleByRmsOptions): GradientTransformation<RmsState> {
  return {
    init: (params) => ({ nu: zerosLikeParams(params), ...(centered && { mu: zerosLikeParams(params) }) }),
    update(updates, state) {
      const nu: Params = {};
      const mu: Params = {};
      const out = mapParams(updates, (g, name) => {
        const v = emaOfSquare(state.nu[name]!, g.ref, alpha);
        nu[name] = v.ref;
        let variance: JaxArray = v;
        if (state.mu) {
          const m = ema(state.mu[name]!, g.ref, alpha);
          mu[name] = m.ref;
          variance = v.sub(m.ref.mul(m));
        }
        return g.div(np.sqrt(variance).add(scalarLike(eps, g)));
      });
      return [out, { nu, ...(state.mu && { mu }) }];
    },
  };
}
