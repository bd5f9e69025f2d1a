/**
 * Lion, EvoLved Sign Momentum (Chen et al. 2023, "Symbolic Discovery of Optimization
 * Algorithms", Algorithm 2), with the paper's decoupled weight decay; defaults are the paper's
 * and the authors' `lion-pytorch` (lr 1e-4, betas (0.9, 0.99), weight_decay 0):
 *
 *     input: θ₀, lr γ, betas (β₁, β₂), weight_decay λ
 *     m₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁)
 *         c  = β₁mₜ₋₁ + (1 − β₁)g
 *         θₜ = θₜ₋₁ − γ(sign(c) + λθₜ₋₁)
 *         mₜ = β₂mₜ₋₁ + (1 − β₂)g
 *
 * `hyper.momentum` replaces β₁.
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { scaleByLion } from "../transforms/scale-by-lion.js";
import { betas, chainOf, learningRate, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface LionOptions {
  lr: number;
  betas: [number, number];
  weight_decay: number;
}

export const lion: OptimizerDefinition<LionOptions> = {
  options: { lr: learningRate, betas, weight_decay: weightDecay },
  defaults: { lr: 1e-4, betas: [0.9, 0.99], weight_decay: 0 },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      scaleByLion({ b1: o.betas[0], b2: o.betas[1] }),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByLearningRate(o.lr),
    ),
};
