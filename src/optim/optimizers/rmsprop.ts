/**
 * RMSprop (Hinton, "Neural Networks for Machine Learning", lecture 6e; centred variant: Graves
 * 2013, "Generating Sequences With Recurrent Neural Networks"), as `torch.optim.RMSprop`
 * (PyTorch 1.13) computes it:
 *
 *     input: θ₀, lr γ, alpha α, eps ε, weight_decay λ, momentum μ, centered, maximize
 *     v₀ = ḡ₀ = b₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         if λ ≠ 0:  g ← g + λθₜ₋₁
 *         vₜ = αvₜ₋₁ + (1 − α)g²
 *         if centered:  ḡₜ = αḡₜ₋₁ + (1 − α)g;  d = √(vₜ − ḡₜ²) + ε
 *         else:         d = √vₜ + ε
 *         if μ > 0:  bₜ = μbₜ₋₁ + g/d;  θₜ = θₜ₋₁ − γbₜ
 *         else:      θₜ = θₜ₋₁ − γg/d
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { scaleByRms } from "../transforms/scale-by-rms.js";
import { trace } from "../transforms/trace.js";
import { chainOf, epsilon, flag, learningRate, maximizing, nonNegative, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface RmspropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weight_decay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

export const rmsprop: OptimizerDefinition<RmspropOptions> = {
  options: { lr: learningRate, alpha: nonNegative, eps: epsilon, weight_decay: weightDecay, momentum: nonNegative, centered: flag, maximize: flag },
  defaults: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weight_decay: 0, momentum: 0, centered: false, maximize: false },
  hasMomentum: ({ momentum }) => momentum > 0,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByRms({ alpha: o.alpha, eps: o.eps, centered: o.centered }),
      o.momentum > 0 && trace({ momentum: o.momentum, dampening: 0, nesterov: false }),
      scaleByLearningRate(o.lr),
    ),
};
