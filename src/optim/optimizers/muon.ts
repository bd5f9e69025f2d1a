/**
 * Muon, momentum orthogonalised by Newton–Schulz (Jordan et al. 2024, "Muon: An optimizer for
 * hidden layers in neural networks"), for the parameters with two or more axes, and AdamW for the
 * rest (biases, norms' gains), chosen by shape in every parameter group. The matrix part is
 * `torch.optim.Muon` (PyTorch 2.9, same names and defaults); a tensor with more axes (a conv kernel
 * [out, in, kh, kw]) is treated as the matrix [out, in·kh·kw], as Keller Jordan's Muon does.
 *
 *     input: lr γ, weight_decay λ, momentum μ, nesterov, ns_coefficients (a, b, c), eps ε,
 *            ns_steps k, adjust_lr_fn; adamw_lr γₐ, adamw_betas, adamw_eps, adamw_weight_decay λₐ
 *     matrices W ([A, B] after flattening), B₀ = 0:
 *         Bₜ = μBₜ₋₁ + g;   B̃ = g + μBₜ if nesterov, else Bₜ
 *         O  = NSₖ^(a,b,c)(B̃; ε)                       (see `orthogonalize`)
 *         Wₜ = Wₜ₋₁ − γλWₜ₋₁ − γ·s(A, B)·O,   s = max(1, A/B)^½ ("original") or
 *                                               0.2·√max(A, B) ("match_rms_adamw")
 *     every other tensor: AdamW with γₐ, adamw_betas, adamw_eps and λₐ (see `adamw`)
 *
 * `hyper.lr` replaces γ and scales γₐ by the same factor (γₐ·hyper.lr/γ), as a PyTorch scheduler
 * scales the Muon and AdamW groups of Keller Jordan's `MuonWithAuxAdam` alike; `hyper.momentum`
 * replaces μ and AdamW's β₁. Keller Jordan's code averages the momentum (B ← μB + (1 − μ)g) and
 * PyTorch sums it; Newton–Schulz normalises its input, so the two differ only through ε. His
 * "original" factor reads the last two axes of the unflattened gradient (kh/kw = 1 for a square
 * conv kernel); lrkit reads the flattened [A, B]. Muon advises AdamW for the input embedding and
 * the output layer as well: give those a parameter group of an AdamW optimizer of their own.
 */
import { scalarOf } from "../../engine/index.js";
import { z } from "zod";
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { orthogonalize } from "../transforms/orthogonalize.js";
import { partition } from "../transforms/partition.js";
import { scaleByAdam } from "../transforms/scale-by-adam.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { scaleByShape, type AdjustLr } from "../transforms/scale-by-shape.js";
import { trace } from "../transforms/trace.js";
import type { GradientTransformation } from "../types.js";
import { betas, chainOf, epsilon, flag, learningRate, nonNegative, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface MuonOptions {
  lr: number;
  weight_decay: number;
  momentum: number;
  nesterov: boolean;
  ns_coefficients: [number, number, number];
  eps: number;
  ns_steps: number;
  adjust_lr_fn: AdjustLr;
  adamw_lr: number;
  adamw_betas: [number, number];
  adamw_eps: number;
  adamw_weight_decay: number;
}

export const muon: OptimizerDefinition<MuonOptions> = {
  options: {
    lr: z.number().positive("expected a learning rate > 0"),
    weight_decay: weightDecay,
    momentum: nonNegative,
    nesterov: flag,
    ns_coefficients: z.tuple([z.number(), z.number(), z.number()]),
    eps: epsilon,
    ns_steps: z.number().int("expected a whole number of iterations ≥ 1").min(1, "expected a whole number of iterations ≥ 1"),
    adjust_lr_fn: z.enum(["original", "match_rms_adamw"]),
    adamw_lr: learningRate,
    adamw_betas: betas,
    adamw_eps: epsilon,
    adamw_weight_decay: weightDecay,
  },
  defaults: {
    lr: 1e-3,
    weight_decay: 0.1,
    momentum: 0.95,
    nesterov: true,
    ns_coefficients: [3.4445, -4.775, 2.0315],
    eps: 1e-7,
    ns_steps: 5,
    adjust_lr_fn: "original",
    adamw_lr: 1e-3,
    adamw_betas: [0.9, 0.999],
    adamw_eps: 1e-8,
    adamw_weight_decay: 1e-2,
  },
  hasMomentum: () => true,
  build: (o) =>
    partition(
      {
        muon: chainOf(
          trace({ momentum: o.momentum, dampening: 0, nesterov: o.nesterov }),
          orthogonalize({ coefficients: o.ns_coefficients, steps: o.ns_steps, eps: o.eps }),
          scaleByShape(o.adjust_lr_fn),
          o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
          scaleByLearningRate(o.lr),
        ),
        adamw: withLrRatio(
          o.adamw_lr / o.lr,
          chainOf(
            scaleByAdam({ b1: o.adamw_betas[0], b2: o.adamw_betas[1], eps: o.adamw_eps, amsgrad: false }),
            o.adamw_weight_decay !== 0 && addDecayedWeights(o.adamw_weight_decay),
            scaleByLearningRate(o.adamw_lr),
          ),
        ),
      },
      (_name, p) => (p.ndim >= 2 ? "muon" : "adamw"),
    ),
};

/** `inner` with `hyper.lr`, when given, scaled by `ratio`. */
function withLrRatio(ratio: number, inner: GradientTransformation<unknown>): GradientTransformation<unknown> {
  return {
    init: inner.init,
    update(updates, state, params, hyper) {
      if (hyper.lr === undefined) return inner.update(updates, state, params, hyper);
      if (typeof hyper.lr === "number") return inner.update(updates, state, params, { ...hyper, lr: hyper.lr * ratio });
      const lr = hyper.lr.ref.mul(scalarOf(ratio, hyper.lr.dtype));
      const result = inner.update(updates, state, params, { ...hyper, lr });
      lr.dispose();
      return result;
    },
  };
}
