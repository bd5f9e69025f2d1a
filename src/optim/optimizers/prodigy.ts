/**
 * Prodigy (Mishchenko & Defazio 2023, "Prodigy: An Expeditiously Adaptive Parameter-Free
 * Learner"), Adam with the step size lr·d estimated on the fly, as the authors' `prodigyopt.Prodigy`
 * computes it. `lr` is a multiplier of the estimate (leave it at 1); a schedule driving `hyper.lr`
 * scales lr·d the same way, and `hyper.momentum` replaces β₁.
 *
 *     input: x₀, lr, betas (β₁, β₂), beta3 β₃ (default √β₂), eps ε, weight_decay λ, decouple,
 *            use_bias_correction, safeguard_warmup, d0 d₀, d_coef, growth_rate
 *     d = d_max = d₀, r = 0, s = m = v = 0
 *     for t = 1, 2, …
 *         g ← ∇f(xₜ₋₁);  if λ ≠ 0 and not decouple: g ← g + λxₜ₋₁
 *         dlr = d·lr·(√(1 − β₂ᵗ)/(1 − β₁ᵗ) with use_bias_correction, else 1)
 *         r ← β₃r + (d/d₀)·dlr·⟨g, x₀ − xₜ₋₁⟩
 *         m ← β₁m + d(1 − β₁)g;   v ← β₂v + d²(1 − β₂)g²
 *         s ← β₃s + (d/d₀)·dlr·g       ((d/d₀)·d·g with safeguard_warmup)
 *         if Σ|s| = 0: skip the rest of this step
 *         d̂ = d_coef·r/Σ|s|;  d ← max(d, d̂) if d = d₀;  d_max ← max(d_max, d̂);  d ← min(d_max, d·growth_rate)
 *         xₜ = xₜ₋₁ − λ·dlr·xₜ₋₁ (decouple) − dlr·m/(√v + d·ε)
 *
 * The estimate (d, d_max, r) is per parameter group (see `scaleByProdigy`).
 */
import { z } from "zod";
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByProdigy } from "../transforms/scale-by-prodigy.js";
import { betas, chainOf, epsilon, flag, growthRate, initialEstimate, learningRate, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface ProdigyOptions {
  lr: number;
  betas: [number, number];
  beta3: number | null;
  eps: number;
  weight_decay: number;
  decouple: boolean;
  use_bias_correction: boolean;
  safeguard_warmup: boolean;
  d0: number;
  d_coef: number;
  growth_rate: number;
}

export const prodigy: OptimizerDefinition<ProdigyOptions> = {
  options: {
    lr: learningRate,
    betas,
    beta3: z.number().min(0, "expected a beta in [0, 1) or null for √β₂").lt(1, "expected a beta in [0, 1) or null for √β₂").nullable(),
    eps: epsilon,
    weight_decay: weightDecay,
    decouple: flag,
    use_bias_correction: flag,
    safeguard_warmup: flag,
    d0: initialEstimate,
    d_coef: z.number().positive("expected a number > 0"),
    growth_rate: growthRate,
  },
  defaults: {
    lr: 1,
    betas: [0.9, 0.999],
    beta3: null,
    eps: 1e-8,
    weight_decay: 0,
    decouple: true,
    use_bias_correction: false,
    safeguard_warmup: false,
    d0: 1e-6,
    d_coef: 1,
    growth_rate: Infinity,
  },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      o.weight_decay !== 0 && !o.decouple && addDecayedWeights(o.weight_decay),
      scaleByProdigy({
        lr: o.lr,
        b1: o.betas[0],
        b2: o.betas[1],
        b3: o.beta3 ?? Math.sqrt(o.betas[1]),
        eps: o.eps,
        decoupledWeightDecay: o.decouple ? o.weight_decay : 0,
        useBiasCorrection: o.use_bias_correction,
        safeguardWarmup: o.safeguard_warmup,
        d0: o.d0,
        dCoef: o.d_coef,
        growthRate: o.growth_rate,
      }),
    ),
};
