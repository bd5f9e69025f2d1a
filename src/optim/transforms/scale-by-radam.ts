/**
 * RAdam, Adam with a rectified adaptive step (Liu et al. 2020, "On the Variance of the Adaptive
 * Learning Rate and Beyond"), as PyTorch computes it:
 *
 *     mₜ  = β₁·mₜ₋₁ + (1 − β₁)·g
 *     vₜ  = β₂·vₜ₋₁ + (1 − β₂)·g²
 *     ρ∞  = 2/(1 − β₂) − 1
 *     ρₜ  = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
 *     if ρₜ > 5:  rₜ = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
 *                 u  = mₜ/(1 − β₁ᵗ) · √(1 − β₂ᵗ)/(√vₜ + ε) · rₜ
 *     else:       u  = mₜ/(1 − β₁ᵗ)
 *
 * The variance is tractable only once ρₜ > 5; before that the step is plain bias-corrected
 * momentum. β₁ᵗ is the β₁ in force (`hyper.momentum` when a scheduler cycles it) to the power t,
 * PyTorch's `1 - beta1 ** step`; β₂ᵗ is a running product (see `scaleByAdam`).
 */
import { jax, type JaxArray, scalarLike, scalarOf } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { integerPower } from "./integer-power.js";
import { ema, emaOfSquare } from "./scale-by-adam.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByRadamOptions {
  b1: number;
  b2: number;
  eps: number;
}

export interface RadamState {
  count: JaxArray;
  b2Power: JaxArray;
  mu: Params;
  nu: Params;
}

/** RAdam's rectified update direction, see the module docstring. */
export function scaleByRadam({ b1, b2, eps }: ScaleByRadamOptions): GradientTransformation<RadamState> {
  const rhoInf = 2 / (1 - b2) - 1;
  return {
    init: (params) => ({
      count: scalarState(params, 0),
      b2Power: scalarState(params, 1),
      mu: zerosLikeParams(params),
      nu: zerosLikeParams(params),
    }),
    update(updates, state, _params, hyper) {
      const beta1 = hyper.momentum ?? b1;
      const dtype = state.count.dtype;
      const constant = (value: number) => scalarOf(value, dtype);
      const count = state.count.add(constant(1));
      const b1Power = integerPower(beta1, count);
      const b2Power = state.b2Power.mul(constant(b2));
      const bc1 = oneMinus(b1Power, b1Power);
      b1Power.dispose();
      const bc2 = oneMinus(b2Power, b2Power);
      const rho = constant(rhoInf).sub(constant(2).mul(count.ref).mul(b2Power.ref).div(bc2.ref));
      const rectified = rho.ref.greater(constant(5));
      const rect = np.sqrt(
        rho.ref
          .sub(constant(4))
          .mul(rho.ref.sub(constant(2)))
          .mul(constant(rhoInf))
          .div(constant((rhoInf - 4) * (rhoInf - 2)).mul(rho)),
      );
      const adaptiveScale = np.sqrt(bc2);
      const mu: Params = {};
      const nu: Params = {};
      const out = mapParams(updates, (g, name) => {
        const m = ema(state.mu[name]!, g.ref, beta1);
        const v = emaOfSquare(state.nu[name]!, g, b2);
        mu[name] = m.ref;
        nu[name] = v.ref;
        const corrected = m.div(scalarLike(bc1, v));
        const adaptive = scalarLike(adaptiveScale, v).div(np.sqrt(v).add(scalarLike(eps, corrected)));
        const rectifiedStep = corrected.ref.mul(adaptive).mul(scalarLike(rect, corrected));
        return np.where(rectified.ref, rectifiedStep, corrected);
      });
      for (const scalar of [bc1, rectified, rect, adaptiveScale]) scalar.dispose();
      return [out, { count, b2Power, mu, nu }];
    },
  };
}
