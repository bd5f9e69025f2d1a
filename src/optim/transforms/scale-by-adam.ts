/**
 * Adam's moment estimates (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"),
 * with AMSGrad's running maximum (Reddi et al. 2018, "On the Convergence of Adam and Beyond"),
 * written as PyTorch computes them:
 *
 *     mₜ = β₁·mₜ₋₁ + (1 − β₁)·g
 *     vₜ = β₂·vₜ₋₁ + (1 − β₂)·g²
 *     v̂ₜ = max(v̂ₜ₋₁, vₜ) with amsgrad, else vₜ
 *     u  = (mₜ / (1 − β₁ᵗ)) / (√v̂ₜ / √(1 − β₂ᵗ) + ε)
 *
 * ε is added after the bias correction of √v, as in PyTorch (and optax's `eps`).
 *
 * t counts the steps. β₁ᵗ is the β₁ in force at this step raised to t, as PyTorch 1.13 computes
 * `1 - beta1 ** step`: when `hyper.momentum` sets β₁ per step (OneCycleLR's cycled β₁), the
 * correction is 1 − β₁,ₜᵗ, not the total weight 1 − ∏ₛ β₁,ₛ of the moving average whose β₁
 * varied. β₂ᵗ is a running product kept in the state (float64 `pow` on the device is only about
 * float32-accurate; β₁ᵗ comes from `integerPower`, which is exact to rounding).
 */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { integerPower } from "./integer-power.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByAdamOptions {
  b1: number;
  b2: number;
  eps: number;
  amsgrad: boolean;
}

export interface AdamState {
  count: JaxArray;
  b2Power: JaxArray;
  mu: Params;
  nu: Params;
  nuMax?: Params;
}

/** u ← m̂ / (√v̂ + ε), see the module docstring. */
export function scaleByAdam({ b1, b2, eps, amsgrad }: ScaleByAdamOptions): GradientTransformation<AdamState> {
  return {
    init: (params) => ({
      count: scalarState(params, 0),
      b2Power: scalarState(params, 1),
      mu: zerosLikeParams(params),
      nu: zerosLikeParams(params),
      ...(amsgrad && { nuMax: zerosLikeParams(params) }),
    }),
    update(updates, state, _params, hyper) {
      const beta1 = hyper.momentum ?? b1;
      const count = state.count.add(scalarLike(1, state.count));
      const b2Power = state.b2Power.mul(scalarLike(b2, state.b2Power));
      const b1Power = integerPower(beta1, count);
      const bc1 = oneMinus(b1Power, b1Power);
      b1Power.dispose();
      const bc2Sqrt = np.sqrt(oneMinus(b2Power, b2Power));
      const mu: Params = {};
      const nu: Params = {};
      const nuMax: Params = {};
      const out = mapParams(updates, (g, name) => {
        const m = ema(state.mu[name]!, g.ref, beta1);
        const v = emaOfSquare(state.nu[name]!, g, b2);
        mu[name] = m.ref;
        nu[name] = v.ref;
        let vHat = v;
        if (state.nuMax) {
          vHat = np.maximum(state.nuMax[name]!, v);
          nuMax[name] = vHat.ref;
        }
        const denom = np.sqrt(vHat).div(scalarLike(bc2Sqrt, m)).add(scalarLike(eps, m));
        return m.div(scalarLike(bc1, m)).div(denom);
      });
      bc1.dispose();
      bc2Sqrt.dispose();
      return [out, { count, b2Power, mu, nu, ...(state.nuMax && { nuMax }) }];
    },
  };
}

/** β·a + (1 − β)·x, PyTorch's `a.mul_(β).add_(x, alpha=1-β)`. Consumes `a` and `x`. */
export function ema(a: JaxArray, x: JaxArray, beta: number | JaxArray): JaxArray {
  const scaled = x.mul(oneMinus(beta, a));
  return a.mul(scalarLike(beta, scaled)).add(scaled);
}

/** β·a + (1 − β)·x², PyTorch's `a.mul_(β).addcmul_(x, x, value=1-β)`. Consumes `a` and `x`. */
export function emaOfSquare(a: JaxArray, x: JaxArray, beta: number): JaxArray {
  const weight = oneMinus(beta, a);
  return a.mul(scalarLike(beta, weight)).add(x.ref.mul(x).mul(weight));
}
