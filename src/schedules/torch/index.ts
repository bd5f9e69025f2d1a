/** PyTorch-exact learning-rate schedulers: the ones built from code, and the spec types. */
export { lambdaLR } from "./lambda-lr.js";
export { multiplicativeLR } from "./multiplicative-lr.js";
export { cyclicLR, type CyclicLRCodeOptions, type CyclicLRSpec } from "./cyclic-lr.js";
export type { Interval } from "./kind.js";
export type { StepLRSpec } from "./step-lr.js";
export type { MultiStepLRSpec } from "./multi-step-lr.js";
export type { ConstantLRSpec } from "./constant-lr.js";
export type { LinearLRSpec } from "./linear-lr.js";
export type { ExponentialLRSpec } from "./exponential-lr.js";
export type { PolynomialLRSpec } from "./polynomial-lr.js";
export type { CosineAnnealingLRSpec } from "./cosine-annealing-lr.js";
export type { CosineAnnealingWarmRestartsSpec } from "./cosine-annealing-warm-restarts.js";
export type { OneCycleLRSpec } from "./one-cycle-lr.js";
export type { SequentialLRSpec } from "./sequential-lr.js";
export type { ChainedSchedulerSpec } from "./chained-scheduler.js";
export type { ReduceLROnPlateauSpec } from "./reduce-lr-on-plateau.js";
