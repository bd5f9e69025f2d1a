/**
 * LAMB, layer-wise adaptive moments (You et al. 2020, "Large Batch Optimization for Deep
 * Learning: Training BERT in 76 minutes", Algorithm 2). The variant: Adam's bias-corrected
 * moments with ε outside the square root, decoupled weight decay added to the Adam direction
 * before the trust ratio, φ the identity, and a trust ratio of 1 for a tensor whose parameter or
 * update norm is 0 — the same as optax's `lamb`. Per parameter tensor:
 *
 *     input: θ₀, lr γ, betas (β₁, β₂), eps ε, weight_decay λ
 *     m₀ = v₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁)
 *         mₜ = β₁mₜ₋₁ + (1 − β₁)g
 *         vₜ = β₂vₜ₋₁ + (1 − β₂)g²
 *         r  = (mₜ/(1 − β₁ᵗ)) / (√vₜ/√(1 − β₂ᵗ) + ε) + λθₜ₋₁
 *         θₜ = θₜ₋₁ − γ · ‖θₜ₋₁‖/‖r‖ · r          (ratio 1 if either norm is 0)
 *
 * Defaults follow optax (lr 1e-3, betas (0.9, 0.999), eps 1e-6, weight_decay 0).
 * `hyper.momentum` replaces β₁ (see `scaleByAdam` for its bias correction).
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByAdam } from "../transforms/scale-by-adam.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { scaleByTrustRatio } from "../transforms/scale-by-trust-ratio.js";
import { betas, chainOf, epsilon, learningRate, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface LambOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
}

export const lamb: OptimizerDefinition<LambOptions> = {
  options: { lr: learningRate, betas, eps: epsilon, weight_decay: weightDecay },
  defaults: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-6, weight_decay: 0 },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      scaleByAdam({ b1: o.betas[0], b2: o.betas[1], eps: o.eps, amsgrad: false }),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByTrustRatio(),
      scaleByLearningRate(o.lr),
    ),
};
