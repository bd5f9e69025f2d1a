/**
 * Schedule-Free AdamW (Defazio et al. 2024, "The Road Less Scheduled", Algorithm 1), as the
 * authors' `schedulefree.AdamWScheduleFreeReference` computes it, with its defaults:
 *
 *     input: y₀ = θ₀, lr γ, betas (β₁, β₂), eps ε, weight_decay λ, warmup_steps T,
 *            r, weight_lr_power p
 *     z₀ = x₀ = y₀, v₀ = 0, γmax = 0, W₀ = 0
 *     for t = 1, 2, …
 *         g ← ∇f(yₜ₋₁)
 *         γₜ = γ · min(1, t/T) · √(1 − β₂ᵗ)
 *         γmax = max(γmax, γₜ);  wₜ = tʳ·γmaxᵖ;  Wₜ = Wₜ₋₁ + wₜ;  cₜ = wₜ/Wₜ (0 if Wₜ = 0)
 *         vₜ = β₂vₜ₋₁ + (1 − β₂)g²
 *         zₜ = zₜ₋₁ − γₜλyₜ₋₁ − γₜ·g/(√vₜ + ε)
 *         xₜ = (1 − cₜ)xₜ₋₁ + cₜzₜ
 *         yₜ = β₁xₜ + (1 − β₁)zₜ
 *
 * The model's parameters are y (where gradients are taken). Evaluate at x: call
 * `optimizer.evalParams(params, state)`, which returns x (the counterpart of the reference's
 * `optimizer.eval()`; training simply continues from the same y and state, there is no `train()`
 * to call back). No learning-rate schedule is needed; `hyper.lr` and `hyper.momentum` (β₁) still
 * override per step. See `scheduleFreeAdamW` for the precision of tʳ and γmaxᵖ.
 */
import { z } from "zod";
import { scheduleFreeAdamW } from "../transforms/schedule-free.js";
import { betas, chainOf, epsilon, learningRate, nonNegative, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface AdamWScheduleFreeOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  warmup_steps: number;
  r: number;
  weight_lr_power: number;
}

export const adamwScheduleFree: OptimizerDefinition<AdamWScheduleFreeOptions> = {
  options: {
    lr: learningRate,
    betas,
    eps: epsilon,
    weight_decay: weightDecay,
    warmup_steps: z.number().int("expected a whole number of steps ≥ 0").min(0, "expected a whole number of steps ≥ 0"),
    r: nonNegative,
    weight_lr_power: nonNegative,
  },
  defaults: { lr: 0.0025, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, warmup_steps: 0, r: 0, weight_lr_power: 2 },
  hasMomentum: () => true,
  build: (o) =>
    chainOf(
      scheduleFreeAdamW({
        lr: o.lr,
        b1: o.betas[0],
        b2: o.betas[1],
        eps: o.eps,
        weightDecay: o.weight_decay,
        warmupSteps: o.warmup_steps,
        r: o.r,
        weightLrPower: o.weight_lr_power,
      }),
    ),
};
