/**
 * NAdam (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), as `torch.optim.NAdam`
 * (PyTorch 1.13; `maximize` as in PyTorch 2) computes it:
 *
 *     input: θ₀, lr γ, betas (β₁, β₂), eps ε, weight_decay λ, momentum_decay ψ, maximize
 *     m₀ = v₀ = 0, Π₀ = 1
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         if λ ≠ 0:  g ← g + λθₜ₋₁
 *         μₜ = β₁(1 − ½·0.96^(tψ)),  μₜ₊₁ = β₁(1 − ½·0.96^((t+1)ψ))
 *         Πₜ = Πₜ₋₁μₜ
 *         mₜ = β₁mₜ₋₁ + (1 − β₁)g
 *         vₜ = β₂vₜ₋₁ + (1 − β₂)g²
 *         d  = √(vₜ/(1 − β₂ᵗ)) + ε
 *         θₜ = θₜ₋₁ − γ(1 − μₜ)/(1 − Πₜ) · g/d − γμₜ₊₁/(1 − Πₜμₜμₜ₊₁) · mₜ/d
 *
 * The last denominator is PyTorch 1.13's (μₜ enters the product twice there); PyTorch 2.0 uses
 * 1 − Πₜμₜ₊₁ (pytorch/pytorch#92699). lrkit follows 1.13, which its reference fixtures pin.
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { scaleByNadam } from "../transforms/scale-by-nadam.js";
import { betas, chainOf, epsilon, flag, learningRate, maximizing, nonNegative, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface NadamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  momentum_decay: number;
  maximize: boolean;
}

export const nadam: OptimizerDefinition<NadamOptions> = {
  options: { lr: learningRate, betas, eps: epsilon, weight_decay: weightDecay, momentum_decay: nonNegative, maximize: flag },
  defaults: { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, momentum_decay: 4e-3, maximize: false },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByNadam({ b1: o.betas[0], b2: o.betas[1], eps: o.eps, momentumDecay: o.momentum_decay }),
      scaleByLearningRate(o.lr),
    ),
};
