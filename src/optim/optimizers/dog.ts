/**
 * DoG, "distance over gradients" (Ivgi, Hinder & Carmon 2023, "DoG is SGD's Best Friend: A
 * Parameter-Free Dynamic Step Size Schedule"), SGD whose step size is the largest distance
 * travelled from the start over the root of the summed squared gradient norms, as the authors'
 * `dog.DoG` computes it (one step size per parameter group):
 *
 *     input: x₀, lr c, reps_rel, weight_decay λ, eps ε
 *     r̄ = reps_rel·(1 + ‖x₀‖),  G = ε
 *     for t = 1, 2, …
 *         g ← ∇f(xₜ₋₁) + λxₜ₋₁
 *         r̄ ← max(r̄, ‖xₜ₋₁ − x₀‖);   G ← G + ‖g‖²
 *         xₜ = xₜ₋₁ − c·(r̄/√G)·g
 *
 * `lr` (c) is a multiplier of the DoG step size; leave it at 1. The authors recommend evaluating
 * at an iterate average, which this optimizer does not keep. Their `init_eta` is not offered.
 */
import { addDecayedWeights } from "../transforms/add-decayed-weights.js";
import { scaleByDog } from "../transforms/scale-by-dog.js";
import { scaleByLearningRate } from "../transforms/scale-by-learning-rate.js";
import { chainOf, epsilon, initialEstimate, learningRate, weightDecay, type OptimizerDefinition } from "./definition.js";

export interface DogOptions {
  lr: number;
  reps_rel: number;
  weight_decay: number;
  eps: number;
}

export const dog: OptimizerDefinition<DogOptions> = {
  options: { lr: learningRate, reps_rel: initialEstimate, weight_decay: weightDecay, eps: epsilon },
  defaults: { lr: 1, reps_rel: 1e-6, weight_decay: 0, eps: 1e-8 },
  hasMomentum: () => false,
  build: (o) =>
    chainOf(
      o.weight_decay !== 0 && addDecayedWeights(o.weight_decay),
      scaleByDog({ repsRel: o.reps_rel, eps: o.eps }),
      scaleByLearningRate(o.lr),
    ),
};
