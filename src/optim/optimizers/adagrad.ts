/**
 * Adagrad (Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization"), as `torch.optim.Adagrad` (PyTorch 1.13) computes it:
 *
 *     input: θ₀, lr γ, lr_decay η, weight_decay λ, initial_accumulator_value s₀, eps ε, maximize
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         if λ ≠ 0:  g ← g + λθₜ₋₁
 *         γ̃ = γ / (1 + (t − 1)η)
 *         sₜ = sₜ₋₁ + g²
 *         θₜ = θₜ₋₁ − γ̃ · g/(√sₜ + ε)
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByAdagrad } from "../transforms/scale-by-adagrad.js";
import { scaleByInverseTimeDecay } from "../transforms/scale-by-inverse-time-decay.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { chainOf, epsilon, flag, learningRate, maximizing, nonNegative, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface AdagradOptions {
  lr: number;
  lr_decay: number;
  weight_decay: number;
  initial_accumulator_value: number;
  eps: number;
  maximize: boolean;
}

export const adagrad: OptimizerDefinition<AdagradOptions> = {
  options: { lr: learningRate, lr_decay: nonNegative, weight_decay: weightDecay, initial_accumulator_value: nonNegative, eps: epsilon, maximize: flag },
  defaults: { lr: 1e-2, lr_decay: 0, weight_decay: 0, initial_accumulator_value: 0, eps: 1e-10, maximize: false },
  hasMomentum: () => false,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByAdagrad({ eps: o.eps, initialAccumulatorValue: o.initial_accumulator_value }),
      o.lr_decay !== 0 && scaleByInverseTimeDecay(o.lr_decay),
      scaleByLearningRate(o.lr),
    ),
};
