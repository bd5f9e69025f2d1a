/**
 * Adamax, Adam's infinity-norm variant (Kingma & Ba 2015, section 7.1), as PyTorch computes it:
 *
 *     mₜ = β₁·mₜ₋₁ + (1 − β₁)·g
 *     uₜ = max(β₂·uₜ₋₁, |g| + ε)
 *     u  = mₜ / uₜ / (1 − β₁ᵗ)
 *
 * ε is added to |g| inside the maximum, as PyTorch does. β₁ᵗ is a running product of the β₁
 * used (see `scaleByAdam` for what that means when `hyper.momentum` varies β₁).
 */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { ema } from "./scale-by-adam.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByAdamaxOptions {
  b1: number;
  b2: number;
  eps: number;
}

export interface AdamaxState {
  b1Power: JaxArray;
  mu: Params;
  nuInf: Params;
}

/** u ← m / max(β₂u, |g| + ε) / (1 − β₁ᵗ), see the module docstring. */
export function scaleByAdamax({ b1, b2, eps }: ScaleByAdamaxOptions): GradientTransformation<AdamaxState> {
  return {
    init: (params) => ({ b1Power: scalarState(params, 1), mu: zerosLikeParams(params), nuInf: zerosLikeParams(params) }),
    update(updates, state, _params, hyper) {
      const beta1 = hyper.momentum ?? b1;
      const b1Power = state.b1Power.mul(scalarLike(beta1, state.b1Power));
      const bc1 = oneMinus(b1Power, b1Power);
      const mu: Params = {};
      const nuInf: Params = {};
      const out = mapParams(updates, (g, name) => {
        const m = ema(state.mu[name]!, g.ref, beta1);
        mu[name] = m.ref;
        const previous = state.nuInf[name]!;
        const n = np.maximum(previous.mul(scalarLike(b2, g)), np.abs(g.ref).add(scalarLike(eps, g)));
        g.dispose();
        nuInf[name] = n.ref;
        return m.div(n).div(scalarLike(bc1, m));
      });
      bc1.dispose();
      return [out, { b1Power, mu, nuInf }];
    },
  };
}
