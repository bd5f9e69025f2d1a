/**
 * Adamax, Adam's infinity-norm variant (Kingma & Ba 2015, section 7.1), as PyTorch computes it:
 *
 *     mₜ = β₁·mₜ₋₁ + (1 − β₁)·g
 *     uₜ = max(β₂·uₜ₋₁, |g| + ε)
 *     u  = mₜ / uₜ / (1 − β₁ᵗ)
 *
 * ε is added to |g| inside the maximum, as PyTorch does. β₁ᵗ is the β₁ in force (`hyper.momentum`
 * when a scheduler cycles it) to the power t, PyTorch's `1 - beta1 ** step` (see `scaleByAdam`).
 */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { integerPower } from "./integer-power.js";
import { ema } from "./scale-by-adam.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByAdamaxOptions {
  b1: number;
  b2: number;
  eps: number;
}

export interface AdamaxState {
  count: JaxArray;
  mu: Params;
  nuInf: Params;
}

/** u ← m / max(β₂u, |g| + ε) / (1 − β₁ᵗ), see the module docstring. */
export function scaleByAdamax({ b1, b2, eps }: ScaleByAdamaxOptions): GradientTransformation<AdamaxState> {
  return {
    init: (params) => ({ count: scalarState(params, 0), mu: zerosLikeParams(params), nuInf: zerosLikeParams(params) }),
    update(updates, state, _params, hyper) {
      const beta1 = hyper.momentum ?? b1;
      const count = state.count.add(scalarLike(1, state.count));
      const b1Power = integerPower(beta1, count);
      const bc1 = oneMinus(b1Power, b1Power);
      b1Power.dispose();
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
      return [out, { count, mu, nuInf }];
    },
  };
}
