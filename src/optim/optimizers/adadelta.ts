/**
 * Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method"), as `torch.optim.Adadelta`
 * (PyTorch 1.13) computes it:
 *
 *     input: θ₀, lr γ, rho ρ, eps ε, weight_decay λ, maximize
 *     v₀ = a₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         if λ ≠ 0:  g ← g + λθₜ₋₁
 *         vₜ = ρvₜ₋₁ + (1 − ρ)g²
 *         Δ  = √(aₜ₋₁ + ε)/√(vₜ + ε) · g
 *         aₜ = ρaₜ₋₁ + (1 − ρ)Δ²
 *         θₜ = θₜ₋₁ − γΔ
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByAdadelta } from "../transforms/scale-by-adadelta.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { chainOf, epsilon, flag, learningRate, maximizing, unitInterval, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface AdadeltaOptions {
  lr: number;
  rho: number;
  eps: number;
  weight_decay: number;
  maximize: boolean;
}

export const adadelta: OptimizerDefinition<AdadeltaOptions> = {
  options: { lr: learningRate, rho: unitInterval, eps: epsilon, weight_decay: weightDecay, maximize: flag },
  defaults: { lr: 1.0, rho: 0.9, eps: 1e-6, weight_decay: 0, maximize: false },
  hasMomentum: () => false,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByAdadelta({ rho: o.rho, eps: o.eps }),
      scaleByLearningRate(o.lr),
    ),
};
