/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization") with optional AMSGrad
 * (Reddi et al. 2018, "On the Convergence of Adam and Beyond"), as `torch.optim.Adam`
 * (PyTorch 1.13) computes it. Weight decay here is L2: it is added to the gradient before the
 * moments (for decoupled decay use AdamW).
 *
 *     input: θ₀, lr γ, betas (β₁, β₂), eps ε, weight_decay λ, amsgrad, maximize
 *     m₀ = v₀ = v̂₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         if λ ≠ 0:  g ← g + λθₜ₋₁
 *         mₜ = β₁mₜ₋₁ + (1 − β₁)g
 *         vₜ = β₂vₜ₋₁ + (1 − β₂)g²
 *         v̂ₜ = max(v̂ₜ₋₁, vₜ) if amsgrad, else vₜ
 *         θₜ = θₜ₋₁ − γ · (mₜ/(1 − β₁ᵗ)) / (√v̂ₜ/√(1 − β₂ᵗ) + ε)
 *
 * `hyper.momentum` replaces β₁ for the step, and the bias correction uses that β₁ to the power t,
 * as PyTorch does (see `scaleByAdam`).
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByAdam } from "../transforms/scale-by-adam.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { betas, chainOf, epsilon, flag, learningRate, maximizing, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
}

export const adam: OptimizerDefinition<AdamOptions> = {
  options: { lr: learningRate, betas, eps: epsilon, weight_decay: weightDecay, amsgrad: flag, maximize: flag },
  defaults: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByAdam({ b1: o.betas[0], b2: o.betas[1], eps: o.eps, amsgrad: o.amsgrad }),
      scaleByLearningRate(o.lr),
    ),
};
