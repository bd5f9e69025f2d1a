/**
 * Prodigy (Mishchenko & Defazio 2023, "Prodigy: An Expeditiously Adaptive Parameter-Free
 * Learner", Algorithm 4, Adam form), as the authors' `prodigyopt.Prodigy` computes it. The step
 * size is lr·d, where d estimates the distance from the initial point x₀ to a solution and only
 * grows. Per parameter group, at step t (k = t − 1), with the gradient g (L2 decay already added
 * when `decouple` is off):
 *
 *     dlr = d·lr·(√(1 − β₂ᵗ)/(1 − β₁ᵗ) with use_bias_correction, else 1)
 *     r   ← β₃·r + (d/d₀)·dlr·⟨g, x₀ − x⟩              (summed over the group's tensors)
 *     m   ← β₁·m + d·(1 − β₁)·g
 *     v   ← β₂·v + d²·(1 − β₂)·g²
 *     s   ← β₃·s + (d/d₀)·dlr·g                       ((d/d₀)·d·g with safeguard_warmup)
 *     if Σ|s| = 0: stop here (x, d, r and t stay as they were; m, v and s keep their update)
 *     if lr > 0:
 *         d̂ = d_coef·r / Σ|s|
 *         d ← max(d, d̂) if d = d₀;   d_max ← max(d_max, d̂);   d ← min(d_max, d·growth_rate)
 *     x   ← x − λ·dlr·x (decouple) − dlr·m / (√v + d·ε)
 *
 * with d = d_max = d₀ and r = 0 at the start, β₃ = √β₂ unless given. dlr is the d before this
 * step's estimate; the ε term uses the new one, as in the reference. The output is the whole
 * step x_new − x, so no learning-rate scaling follows; `hyper.lr` replaces lr, `hyper.momentum` β₁.
 *
 * d, d_max and r are 0-d arrays of the state (the reference keeps Python floats), so the step is
 * jittable and saved state resumes exactly; the reference's `if` branches are selections.
 * The reference shares one d across all parameter groups; here each group estimates its own.
 */
import { jax, type JaxArray, scalarLike, scalarOf } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { adaptedStepSize } from "./adapted-step-size.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByProdigyOptions {
  lr: number;
  b1: number;
  b2: number;
  b3: number;
  eps: number;
  /** Decoupled weight decay (the L2 form is added to the gradient before this transformation). */
  decoupledWeightDecay: number;
  useBiasCorrection: boolean;
  safeguardWarmup: boolean;
  d0: number;
  dCoef: number;
  growthRate: number;
}

export interface ProdigyState {
  d: JaxArray;
  dMax: JaxArray;
  numerator: JaxArray;
  b1Power?: JaxArray;
  b2Power?: JaxArray;
  p0: Params;
  s: Params;
  mu: Params;
  nu: Params;
}

/** Prodigy's whole step, see the module docstring. */
export function scaleByProdigy(options: ScaleByProdigyOptions): GradientTransformation<ProdigyState> {
  const { b1, b2, b3, eps, decoupledWeightDecay, useBiasCorrection, safeguardWarmup, d0, dCoef, growthRate } = options;
  return {
    init: (params) => ({
      d: scalarState(params, d0),
      dMax: scalarState(params, d0),
      numerator: scalarState(params, 0),
      ...(useBiasCorrection && { b1Power: scalarState(params, 1), b2Power: scalarState(params, 1) }),
      p0: mapParams(params, (p) => p.ref),
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
      const weight = d.ref.div(constant(d0)).mul(dlr.ref);
      const sWeight = safeguardWarmup ? d.ref.div(constant(d0)).mul(d.ref) : weight.ref;
      let dot = constant(0);
      let sNorm = constant(0);
      const muWeight = d.ref.mul(oneMinus(beta1, d));
      const nuWeight = d.ref.mul(d.ref).mul(constant(1 - b2));
      const s: Params = {};
      const mu: Params = {};
      const nu: Params = {};
      for (const [name, g] of Object.entries(updates)) {
        const x = params[name]!;
        dot = dot.add(g.ref.mul(state.p0[name]!.ref.sub(x.ref)).sum().astype(dtype));
        mu[name] = state.mu[name]!.mul(scalarLike(beta1, x)).add(g.ref.mul(scalarLike(muWeight, x)));
        nu[name] = state.nu[name]!.mul(scalarLike(b2, x)).add(g.ref.mul(g.ref).mul(scalarLike(nuWeight, x)));
        s[name] = state.s[name]!.mul(scalarLike(b3, x)).add(g.mul(scalarLike(sWeight, x)));
        sNorm = sNorm.add(np.abs(s[name]!.ref).sum().astype(dtype));
      }
      for (const scalar of [muWeight, nuWeight, sWeight]) scalar.dispose();
      const numerator = state.numerator.ref.mul(constant(b3)).add(weight.mul(dot));
      const proceed = sNorm.ref.greater(constant(0));
      const estimate = np.logicalAnd(proceed.ref, lr.greater(constant(0)));
      const dHat = numerator.ref.mul(constant(dCoef)).div(sNorm);
      const raised = np.where(d.ref.equal(constant(d0)), np.maximum(d.ref, dHat.ref), d.ref);
      const dMaxNew = np.maximum(state.dMax.ref, dHat);
      const dNew = Number.isFinite(growthRate) ? np.minimum(dMaxNew.ref, raised.mul(constant(growthRate))) : (raised.dispose(), dMaxNew.ref);
      const next: ProdigyState = {
        d: np.where(estimate.ref, dNew, d.ref),
        dMax: np.where(estimate, dMaxNew, state.dMax),
        numerator: np.where(proceed.ref, numerator, state.numerator),
        ...(b1Power && b2Power && { b1Power: np.where(proceed.ref, b1Power, state.b1Power!), b2Power: np.where(proceed.ref, b2Power, state.b2Power!) }),
        p0: state.p0,
        s,
        mu,
        nu,
      };
      const dEps = next.d.ref.mul(constant(eps));
      const decay = dlr.ref.mul(constant(decoupledWeightDecay));
      const out = mapParams(mu, (m, name) => {
        const x = params[name]!;
        const denom = np.sqrt(nu[name]!.ref).add(scalarLike(dEps, x));
        let step = m.ref.div(denom).mul(scalarLike(dlr, x).neg());
        if (decoupledWeightDecay !== 0) step = step.sub(x.ref.mul(scalarLike(decay, x)));
        return np.where(proceed.ref, step, scalarLike(0, x));
      });
      for (const scalar of [d, dlr, proceed, dEps, decay]) scalar.dispose();
      return [out, next];
    },
  };
}
