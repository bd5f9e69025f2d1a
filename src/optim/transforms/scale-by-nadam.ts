/**
 * NAdam, Adam with Nesterov momentum (Dozat 2016, "Incorporating Nesterov Momentum into Adam"),
 * with PyTorch's momentum schedule, as PyTorch computes it:
 *
 *     μₜ   = β₁·(1 − ½·0.96^(t·ψ))            (ψ = momentum_decay)
 *     μₜ₊₁ = β₁·(1 − ½·0.96^((t+1)·ψ))
 *     Πₜ   = Πₜ₋₁·μₜ                           (Π₀ = 1)
 *     mₜ   = β₁·mₜ₋₁ + (1 − β₁)·g
 *     vₜ   = β₂·vₜ₋₁ + (1 − β₂)·g²
 *     d    = √(vₜ / (1 − β₂ᵗ)) + ε
 *     u    = (1 − μₜ)/(1 − Πₜ) · g/d  +  μₜ₊₁/(1 − Πₜ·μₜ·μₜ₊₁) · mₜ/d
 *
 * The second denominator is PyTorch 1.13's: it multiplies μₜ into the product once more
 * (`mu_product * mu * mu_next`). PyTorch 2.0 changed it to 1 − Πₜ·μₜ₊₁ (pytorch/pytorch#92699);
 * lrkit keeps 1.13's, which its reference fixtures pin.
 * 0.96^(t·ψ) is kept as a running product of 0.96^ψ (computed once on the host), and β₂ᵗ as a
 * running product, since float64 `pow` on the device is only about float32-accurate.
 * `hyper.momentum` replaces β₁ in μ and in m; Π multiplies the μ actually used, as PyTorch's does.
 */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { ema, emaOfSquare } from "./scale-by-adam.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByNadamOptions {
  b1: number;
  b2: number;
  eps: number;
  momentumDecay: number;
}

export interface NadamState {
  decayPower: JaxArray;
  muProduct: JaxArray;
  b2Power: JaxArray;
  mu: Params;
  nu: Params;
}

/** NAdam's update direction, see the module docstring. */
export function scaleByNadam({ b1, b2, eps, momentumDecay }: ScaleByNadamOptions): GradientTransformation<NadamState> {
  const decayBase = Math.pow(0.96, momentumDecay);
  return {
    init: (params) => ({
      decayPower: scalarState(params, 1),
      muProduct: scalarState(params, 1),
      b2Power: scalarState(params, 1),
      mu: zerosLikeParams(params),
      nu: zerosLikeParams(params),
    }),
    update(updates, state, _params, hyper) {
      const beta1 = hyper.momentum ?? b1;
      const like = state.decayPower;
      const decayPower = state.decayPower.mul(scalarLike(decayBase, like));
      const momentumAt = (power: JaxArray) =>
        scalarLike(beta1, power).mul(scalarLike(1, power).sub(scalarLike(0.5, power).mul(power)));
      const muNow = momentumAt(decayPower.ref);
      const muNext = momentumAt(decayPower.ref.mul(scalarLike(decayBase, decayPower)));
      const muProduct = state.muProduct.mul(muNow.ref);
      const b2Power = state.b2Power.mul(scalarLike(b2, state.b2Power));
      const bc2 = oneMinus(b2Power, b2Power);
      const gradWeight = oneMinus(muNow, muNow).div(oneMinus(muProduct, muProduct));
      const productNext = muProduct.ref.mul(muNow.ref).mul(muNext.ref);
      const momentumWeight = muNext.div(oneMinus(productNext, productNext));
      productNext.dispose();
      muNow.dispose();
      const mu: Params = {};
      const nu: Params = {};
      const out = mapParams(updates, (g, name) => {
        const m = ema(state.mu[name]!, g.ref, beta1);
        const v = emaOfSquare(state.nu[name]!, g.ref, b2);
        mu[name] = m.ref;
        nu[name] = v.ref;
        const denom = np.sqrt(v.div(scalarLike(bc2, g))).add(scalarLike(eps, g));
        const gradPart = g.mul(scalarLike(gradWeight, m)).div(denom.ref);
        return gradPart.add(m.mul(scalarLike(momentumWeight, denom)).div(denom));
      });
      bc2.dispose();
      gradWeight.dispose();
      momentumWeight.dispose();
      return [out, { decayPower, muProduct, b2Power, mu, nu }];
    },
  };
}
