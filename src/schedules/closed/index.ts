/**
 * Closed-form learning-rate schedules, optax style: pure functions of the step count
 * (`Schedule = (step) => lr`), each taking one options object with optax's argument names in
 * camelCase, composable with `joinSchedules`; and the same schedules built from snake_case specs.
 */
export { constantSchedule, type ConstantOptions } from "./constant.js";
export { linearSchedule, type LinearOptions } from "./linear.js";
export { polynomialSchedule, type PolynomialOptions } from "./polynomial.js";
export { exponentialDecay, type ExponentialDecayOptions } from "./exponential.js";
export { cosineDecay, type CosineDecayOptions } from "./cosine.js";
export { warmupCosine, type WarmupCosineOptions } from "./warmup-cosine.js";
export { warmupLinear, type WarmupLinearOptions } from "./warmup-linear.js";
export { inverseSqrt, type InverseSqrtOptions } from "./inverse-sqrt.js";
export type { BoundariesAndScales } from "./piecewise.js";
export { piecewiseConstant, type PiecewiseConstantOptions } from "./piecewise-constant.js";
export { piecewiseInterpolate, type PiecewiseInterpolateOptions, type InterpolateType } from "./piecewise-interpolate.js";
export { joinSchedules, type JoinOptions } from "./join.js";
export { sgdr, type SgdrOptions, type SgdrCycle } from "./sgdr.js";
export { oneCycle, type OneCycleOptions } from "./one-cycle.js";
export { warmupStableDecay, type WarmupStableDecayOptions, type DecayShape } from "./warmup-stable-decay.js";
export { closedFormTypes, closedFormFromSpec, type ClosedFormScheduleSpec } from "./spec.js";
