/**
 * AdamW, Adam with decoupled weight decay (Loshchilov & Hutter 2019, "Decoupled Weight Decay
 * Regularization"), as `torch.optim.AdamW` (PyTorch 1.13) computes it: the decay shrinks the
 * parameters by γλ directly instead of entering the moments.
 *
 *     input: θ₀, lr γ, betas (β₁, β₂), eps ε, weight_decay λ, amsgrad, maximize
 *     m₀ = v₀ = v̂₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         mₜ = β₁mₜ₋₁ + (1 − β₁)g
 *         vₜ = β₂vₜ₋₁ + (1 − β₂)g²
 *         v̂ₜ = max(v̂ₜ₋₁, vₜ) if amsgrad, else vₜ
 *         θₜ = θₜ₋₁ − γλθₜ₋₁ − γ · (mₜ/(1 − β₁ᵗ)) / (√v̂ₜ/√(1 − β₂ᵗ) + ε)
 *
 * The chain is optax's: scale by Adam, add λθ, scale by −γ (so the decay follows the scheduled γ,
 * as PyTorch's `θ.mul_(1 − γλ)` does).
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByAdam } from "../transforms/scale-by-adam.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import type { AdamOptions } from "./adam.js";
import { betas, chainOf, epsilon, flag, learningRate, maximizing, weightDecay, type OptimizerDefinition } from "./definition.js";

export const adamw: OptimizerDefinition<AdamOptions> = {
  options: { lr: learningRate, betas, eps: epsilon, weight_decay: weightDecay, amsgrad: flag, maximize: flag },
  defaults: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      scaleByAdam({ b1: o.betas[0], b2: o.betas[1], eps: o.eps, amsgrad: o.amsgrad }),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByLearningRate(o.lr),
    ),
};
