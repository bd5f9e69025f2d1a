/**
 * Rprop (Riedmiller & Braun 1993, "A Direct Adaptive Method for Faster Backpropagation
 * Learning: The RPROP Algorithm"), as `torch.optim.Rprop` (PyTorch 1.13) computes it,
 * elementwise:
 *
 *     input: θ₀, lr γ, etas (η₋, η₊), step_sizes (δmin, δmax), maximize
 *     δ₀ = γ, g₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(θₜ₋₁);  if maximize: g ← −g
 *         s = sign(g·gₜ₋₁)
 *         δₜ = clamp(δₜ₋₁·η₊, δmin, δmax) where s > 0
 *         δₜ = clamp(δₜ₋₁·η₋, δmin, δmax) and g ← 0 where s < 0
 *         δₜ = δₜ₋₁ where s = 0
 *         θₜ = θₜ₋₁ − sign(g)·δₜ,  gₜ = g
 *
 * `lr` is only the initial step size, so `hyper.lr` has no effect on Rprop (as a PyTorch
 * scheduler has none after the first step). As PyTorch requires, 0 < η₋ < 1 < η₊.
 */
import { z } from "zod";
import { scaleByRprop } from "../transforms/scale-by-rprop.js";
import { chainOf, flag, learningRate, maximizing, type OptimizerDefinition } from "./definition.js";

export interface RpropOptions {
  lr: number;
  etas: [number, number];
  step_sizes: [number, number];
  maximize: boolean;
}

const etas = z
  .tuple([z.number(), z.number()])
  .refine(([minus, plus]) => 0 < minus && minus < 1 && 1 < plus, "expected [eta_minus, eta_plus] with 0 < eta_minus < 1 < eta_plus");
const stepSizes = z
  .tuple([z.number(), z.number()])
  .refine(([min, max]) => 0 <= min && min <= max, "expected [step_min, step_max] with 0 ≤ step_min ≤ step_max");

export const rprop: OptimizerDefinition<RpropOptions> = {
  options: { lr: learningRate, etas, step_sizes: stepSizes, maximize: flag },
  defaults: { lr: 1e-2, etas: [0.5, 1.2], step_sizes: [1e-6, 50], maximize: false },
  hasMomentum: () => false,
  build: (o) =>
    chainOf(
      maximizing(o.maximize),
      scaleByRprop({ etaMinus: o.etas[0], etaPlus: o.etas[1], stepMin: o.step_sizes[0], stepMax: o.step_sizes[1], initialStep: o.lr }),
    ),
};
