/**
 * The optimizers and schedules the playground offers, as lrkit specs (`createOptimizer`,
 * `createScheduler`), and the stability edge of gradient descent on a quadratic.
 */
import type { OptimizerSpec } from "../../core.js";

export interface OptimizerChoice {
  key: string;
  label: string;
  spec(lr: number): OptimizerSpec;
  /** SGD-like (η sized by the curvature) rather than adaptive (η sized by the step length). */
  family: "sgd" | "adaptive";
  /** Heavy-ball momentum β (PyTorch's SGD momentum), and whether Nesterov's form is used. */
  momentum?: number;
  nesterov?: boolean;
}

export const optimizerChoices: OptimizerChoice[] = [
  { key: "gd", label: "gradient descent (SGD)", family: "sgd", spec: (lr) => ({ type: "SGD", lr }) },
  { key: "momentum", label: "SGD, momentum 0.9", family: "sgd", momentum: 0.9, spec: (lr) => ({ type: "SGD", lr, momentum: 0.9 }) },
  { key: "nesterov", label: "SGD, Nesterov 0.9", family: "sgd", momentum: 0.9, nesterov: true, spec: (lr) => ({ type: "SGD", lr, momentum: 0.9, nesterov: true }) },
  { key: "rmsprop", label: "RMSprop", family: "adaptive", spec: (lr) => ({ type: "RMSprop", lr }) },
  { key: "adagrad", label: "Adagrad", family: "adaptive", spec: (lr) => ({ type: "Adagrad", lr }) },
  { key: "adam", label: "Adam", family: "adaptive", spec: (lr) => ({ type: "Adam", lr }) },
  { key: "adamw", label: "AdamW (weight decay 0.01)", family: "adaptive", spec: (lr) => ({ type: "AdamW", lr, weight_decay: 0.01 }) },
  { key: "lion", label: "Lion", family: "adaptive", spec: (lr) => ({ type: "Lion", lr }) },
];

export interface ScheduleChoice {
  key: string;
  label: string;
  /** The scheduler spec for a run of `steps` steps at base η `lr`; undefined for a constant η. */
  spec(lr: number, steps: number): Record<string, unknown> | undefined;
}

export const scheduleChoices: ScheduleChoice[] = [
  { key: "constant", label: "constant", spec: () => undefined },
  { key: "step", label: "StepLR (halve 3×)", spec: (_lr, steps) => ({ type: "StepLR", step_size: Math.max(1, Math.floor(steps / 4)), gamma: 0.5 }) },
  { key: "exponential", label: "ExponentialLR γ = 0.99", spec: () => ({ type: "ExponentialLR", gamma: 0.99 }) },
  { key: "cosine", label: "CosineAnnealingLR", spec: (_lr, steps) => ({ type: "CosineAnnealingLR", T_max: steps }) },
  { key: "warmup", label: "LinearLR warm-up (10 %)", spec: (_lr, steps) => ({ type: "LinearLR", start_factor: 0.1, total_iters: Math.max(1, Math.floor(steps / 10)) }) },
  { key: "onecycle", label: "OneCycleLR (max_lr = η)", spec: (lr, steps) => ({ type: "OneCycleLR", max_lr: lr, total_steps: steps }) },
];

/**
 * The largest η at which an SGD variant is stable on a quadratic with top Hessian eigenvalue
 * λ_max. Gradient descent: each step multiplies the top eigen-component by 1 − ηλ, so |1 − ηλ| < 1
 * iff η < 2/λ. Heavy ball with momentum β (PyTorch's SGD): the characteristic roots of
 * z² − (1 + β − ηλ)z + β lie inside the unit circle iff ηλ < 2(1 + β). Nesterov (PyTorch's form):
 * iff ηλ < 2(1 + β)/(1 + 2β). Undefined for adaptive optimizers, whose step does not scale with λ.
 */
export function stabilityEdge(choice: OptimizerChoice, lambdaMax: number): number | undefined {
  if (choice.family !== "sgd") return undefined;
  const beta = choice.momentum ?? 0;
  return (choice.nesterov ? (2 * (1 + beta)) / (1 + 2 * beta) : 2 * (1 + beta)) / lambdaMax;
}
