/**
 * D-Adaptation Adam (Defazio & Mishchenko 2023, "Learning-Rate-Free Learning by D-Adaptation",
 * Algorithm 5), as the authors' `dadaptation.DAdaptAdam` computes it. The step size is lr·d, where
 * d is a lower bound on the distance to a solution that only grows. Per parameter group, at step t,
 * with the gradient g (L2 decay already added when `decouple` is off):
 *
 *     dlr = d·lr·(√(1 − β₂ᵗ)/(1 − β₁ᵗ) with use_bias_correction, else 1)
 *     a   = dlr·⟨g, s / (√v + ε)⟩                     (s and v before this step; summed over tensors)
 *     m   ← β₁·m + dlr·(1 − β₁)·g
 *     v   ← β₂·v + (1 − β₂)·g²
 *     s   ← √β₂·s + dlr·(1 − √β₂)·g
 *     if Σ|s| = 0: stop here (x, d, r and t stay as they were; m, v and s keep their update)
 *     r   ← √β₂·r + (1 − √β₂)·a
 *     if lr > 0:  d ← max(d, min(r / ((1 − √β₂)·Σ|s|), d·growth_rate))
 *     x   ← x − λ·dlr·x (decouple) − m / (√v + ε)
 *
 * with d = d₀ and r = 0 at the start. m already carries dlr, so the step is m/(√v + ε); the
 * decoupled decay uses the dlr of before this step's estimate. The output is the whole step
 * x_new − x; `hyper.lr` replaces lr and
 * `hyper.momentum` replaces β₁. d and r are 0-d arrays of the state, so the step is jittable
 * and saved state resumes exactly. The reference shares one d across all parameter groups; here
 * each group estimates its own.
 */
import { jax, type JaxArray, scalarLike, scalarOf } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { adaptedStepSize } from "./adapted-step-size.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByDAdaptAdamOptions {
  lr: number;
  b1: number;
  b2: number;
  eps: number;
  /** Decoupled weight decay (the L2 form is added to the gradient before this transformation). */
  decoupledWeightDecay: number;
  useBiasCorrection: boolean;
  d0: number;
  growthRate: number;
}

export interface DAdaptAdamState {
  d: JaxArray;
  numerator: JaxArray;
  b1Power?: JaxArray;
  b2Power?: JaxArray;
  s: Params;
  mu: Params;
  nu: Params;
}

/** D-Adaptation Adam's whole step, see the module docstring. */
export function scaleByDAdaptAdam(options: ScaleByDAdaptAdamOptions): GradientTransformation<DAdaptAdamState> {
  const { b1, b2, eps, decoupledWeightDecay, useBiasCorrection, d0, growthRate } = options;
  const sqrtB2 = Math.sqrt(b2);
  return {
    init: (params) => ({
      d: scalarState(params, d0),
      numerator: scalarState(params, 0),
      ...(useBiasCorrection && { b1Power: scalarState(params, 1), b2Power: scalarState(params, 1) }),
      s: zerosLikeParams(params),
      mu: zerosLikeParams(params),
      nu: zerosLikeParams(params),
    }),
    update(updates, state, params, hyper) {
      const d = state.d;
      const dtype = d.dtype;
      const constant = (value: number) => scalarOf(value, dtype);
      const lr = scalarOf(hyper.lr ?? options.lr, dtype);
      const beta1 = hyper.momentum ?? b1;
      const { dlr, b1Power, b2Power } = adaptedStepSize(d, lr, beta1, b2, state);
      const muWeight = dlr.ref.mul(oneMinus(beta1, d));
      const sWeight = dlr.ref.mul(constant(1 - sqrtB2));
      let dot = constant(0);
      let sNorm = constant(0);
      const s: Params = {};
      const mu: Params = {};
      const nu: Params = {};
      for (const [name, g] of Object.entries(updates)) {
        const x = params[name]!;
        const previousS = state.s[name]!;
        const previousDenom = np.sqrt(state.nu[name]!.ref).add(scalarLike(eps, x));
        dot = dot.add(g.ref.mul(previousS.ref.div(previousDenom)).sum().astype(dtype));
        mu[name] = state.mu[name]!.mul(scalarLike(beta1, x)).add(g.ref.mul(scalarLike(muWeight, x)));
        nu[name] = state.nu[name]!.mul(scalarLike(b2, x)).add(g.ref.mul(g.ref).mul(scalarLike(1 - b2, x)));
        s[name] = previousS.mul(scalarLike(sqrtB2, x)).add(g.mul(scalarLike(sWeight, x)));
        sNorm = sNorm.add(np.abs(s[name]!.ref).sum().astype(dtype));
      }
      for (const scalar of [muWeight, sWeight]) scalar.dispose();
      const numerator = state.numerator.ref.mul(constant(sqrtB2)).add(dot.mul(dlr.ref).mul(constant(1 - sqrtB2)));
      const proceed = sNorm.ref.greater(constant(0));
      const estimate = np.logicalAnd(proceed.ref, lr.greater(constant(0)));
      let dHat = numerator.ref.div(sNorm.mul(constant(1 - sqrtB2)));
      if (Number.isFinite(growthRate)) dHat = np.minimum(dHat, d.ref.mul(constant(growthRate)));
      const next: DAdaptAdamState = {
        d: np.where(estimate, np.maximum(d.ref, dHat), d.ref),
        numerator: np.where(proceed.ref, numerator, state.numerator),
        ...(b1Power && b2Power && { b1Power: np.where(proceed.ref, b1Power, state.b1Power!), b2Power: np.where(proceed.ref, b2Power, state.b2Power!) }),
        s,
        mu,
        nu,
      };
      const decay = dlr.ref.mul(constant(decoupledWeightDecay));
      const out = mapParams(mu, (m, name) => {
        const x = params[name]!;
        const denom = np.sqrt(nu[name]!.ref).add(scalarLike(eps, x));
        let step = m.ref.div(denom).neg();
        if (decoupledWeightDecay !== 0) step = step.sub(x.ref.mul(scalarLike(decay, x)));
        return np.where(proceed.ref, step, scalarLike(0, x));
      });
      for (const scalar of [d, dlr, proceed, decay]) scalar.dispose();
      return [out, next];
    },
  };
}
