/**
 * RAdam (Liu et al. 2020, "On the Variance of the Adaptive Learning Rate and Beyond"), as
 * `torch.optim.RAdam` (PyTorch 1.13; `maximize` as in PyTorch 2) computes it:
 *
 *     input: θ₀, lr γ, betas (β₁, β₂), eps ε, weight_decay λ, maximize
 *     m₀ = v₀ = 0,  ρ∞ = 2/(1 − β₂) − 1
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         if λ ≠ 0:  g ← g + λθₜ₋₁
 *         mₜ = β₁mₜ₋₁ + (1 − β₁)g
 *         vₜ = β₂vₜ₋₁ + (1 − β₂)g²
 *         m̂ₜ = mₜ/(1 − β₁ᵗ)
 *         ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)
 *         if ρₜ > 5:
 *             rₜ = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
 *             θₜ = θₜ₋₁ − γ · m̂ₜ · √(1 − β₂ᵗ)/(√vₜ + ε) · rₜ
 *         else:
 *             θₜ = θₜ₋₁ − γm̂ₜ
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { scaleByRadam } from "../transforms/scale-by-radam.js";
import { betas, chainOf, epsilon, flag, learningRate, maximizing, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface RadamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  maximize: boolean;
}

export const radam: OptimizerDefinition<RadamOptions> = {
  options: { lr: learningRate, betas, eps: epsilon, weight_decay: weightDecay, maximize: flag },
  defaults: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, maximize: false },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByRadam({ b1: o.betas[0], b2: o.betas[1], eps: o.eps }),
      scaleByLearningRate(o.lr),
    ),
};
