/**
 * Adamax, Adam under the infinity norm (Kingma & Ba 2015, "Adam: A Method for Stochastic
 * Optimization", section 7.1), as `torch.optim.Adamax` (PyTorch 1.13) computes it:
 *
 *     input: θ₀, lr γ, betas (β₁, β₂), eps ε, weight_decay λ, maximize
 *     m₀ = u₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         if λ ≠ 0:  g ← g + λθₜ₋₁
 *         mₜ = β₁mₜ₋₁ + (1 − β₁)g
 *         uₜ = max(β₂uₜ₋₁, |g| + ε)
 *         θₜ = θₜ₋₁ − γ/(1 − β₁ᵗ) · mₜ/uₜ
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByAdamax } from "../transforms/scale-by-adamax.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { betas, chainOf, epsilon, flag, learningRate, maximizing, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface AdamaxOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  maximize: boolean;
}

export const adamax: OptimizerDefinition<AdamaxOptions> = {
  options: { lr: learningRate, betas, eps: epsilon, weight_decay: weightDecay, maximize: flag },
  defaults: { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, maximize: false },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByAdamax({ b1: o.betas[0], b2: o.betas[1], eps: o.eps }),
      scaleByLearningRate(o.lr),
    ),
};
