/**
 * SGD with momentum, as `torch.optim.SGD` (PyTorch 1.13) computes it. Momentum is Polyak's heavy
 * ball (Polyak 1964); the Nesterov form is that of Sutskever et al. 2013, "On the importance of
 * initialization and momentum in deep learning".
 *
 *     input: θ₀, lr γ, momentum μ, dampening τ, weight_decay λ, nesterov, maximize
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁)
 *         if maximize:  g ← −g
 *         if λ ≠ 0:     g ← g + λθₜ₋₁
 *         if μ ≠ 0:
 *             b ← g                       if t = 1
 *             b ← μb + (1 − τ)g           otherwise
 *             g ← g + μb  if nesterov, else g ← b
 *         θₜ ← θₜ₋₁ − γg
 *
 * As PyTorch requires, nesterov needs μ > 0 and τ = 0.
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { trace } from "../transforms/trace.js";
import { chainOf, flag, learningRate, maximizing, nonNegative, unitInterval, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface SgdOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
}

export const sgd: OptimizerDefinition<SgdOptions> = {
  options: { lr: learningRate, momentum: nonNegative, dampening: unitInterval, weight_decay: weightDecay, nesterov: flag, maximize: flag },
  defaults: { lr: 1e-3, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
  check: ({ nesterov, momentum, dampening }) =>
    nesterov && (momentum <= 0 || dampening !== 0)
      ? { key: "nesterov", message: `nesterov momentum requires momentum > 0 and dampening = 0 (momentum is ${momentum}, dampening is ${dampening})` }
      : undefined,
  hasMomentum: ({ momentum }) => momentum > 0,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      o.momentum !== 0 && trace({ momentum: o.momentum, dampening: o.dampening, nesterov: o.nesterov }),
      scaleByLearningRate(o.lr),
    ),
};
