/**
 * D-Adaptation Adam (Defazio & Mishchenko 2023, "Learning-Rate-Free Learning by D-Adaptation"),
 * Adam with the step size lr·d estimated on the fly, as the authors' `dadaptation.DAdaptAdam`
 * computes it. `lr` is a multiplier of the estimate (leave it at 1); a schedule driving `hyper.lr`
 * scales lr·d the same way, and `hyper.momentum` replaces β₁.
 *
 *     input: x₀, lr, betas (β₁, β₂), eps ε, weight_decay λ, decouple, use_bias_correction,
 *            d0 d₀, growth_rate
 *     d = d₀, r = 0, s = m = v = 0
 *     for t = 1, 2, …
 *         g ← ∇f(xₜ₋₁);  if λ ≠ 0 and not decouple: g ← g + λxₜ₋₁
 *         dlr = d·lr·(√(1 − β₂ᵗ)/(1 − β₁ᵗ) with use_bias_correction, else 1)
 *         a = dlr·⟨g, s/(√v + ε)⟩
 *         m ← β₁m + dlr(1 − β₁)g;   v ← β₂v + (1 − β₂)g²;   s ← √β₂s + dlr(1 − √β₂)g
 *         if Σ|s| = 0: skip the rest of this step
 *         r ← √β₂r + (1 − √β₂)a
 *         d ← max(d, min(r/((1 − √β₂)Σ|s|), d·growth_rate))
 *         xₜ = xₜ₋₁ − λ·dlr·xₜ₋₁ (decouple) − m/(√v + ε)
 *
 * The estimate (d, r) is per parameter group (see `scaleByDAdaptAdam`).
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByDAdaptAdam } from "../transforms/scale-by-dadapt-adam.js";
import { betas, chainOf, epsilon, flag, growthRate, initialEstimate, learningRate, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface DAdaptAdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  decouple: boolean;
  use_bias_correction: boolean;
  d0: number;
  growth_rate: number;
}

export const dadaptAdam: OptimizerDefinition<DAdaptAdamOptions> = {
  options: {
    lr: learningRate,
    betas,
    eps: epsilon,
    weight_decay: weightDecay,
    decouple: flag,
    use_bias_correction: flag,
    d0: initialEstimate,
    growth_rate: growthRate,
  },
  defaults: { lr: 1, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, decouple: false, use_bias_correction: false, d0: 1e-6, growth_rate: Infinity },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      o.weight_decay !== 0 && !o.decouple && addDecayedWeights(o.weight_decay),
      scaleByDAdaptAdam({
        lr: o.lr,
        b1: o.betas[0],
        b2: o.betas[1],
        eps: o.eps,
        decoupledWeightDecay: o.decouple ? o.weight_decay : 0,
        useBiasCorrection: o.use_bias_correction,
        d0: o.d0,
        growthRate: o.growth_rate,
      }),
    ),
};
