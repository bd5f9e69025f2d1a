/**
 * Gradient transformations: the optax-style pieces optimizers are chained from. Each is an
 * `init`/`update` pair over flat parameter records, pure and jittable.
 */
export { chain } from "./chain.js";
export { flipSign } from "./flip-sign.js";
export { addDecayedWeights } from "./add-decayed-weights.js";
export { trace, type TraceOptions, type TraceState } from "./trace.js";
export { scaleByLearningRate } from "./scale-by-learning-rate.js";
export { scaleByAdam, type ScaleByAdamOptions, type AdamState } from "./scale-by-adam.js";
export { scaleByAdamax, type ScaleByAdamaxOptions, type AdamaxState } from "./scale-by-adamax.js";
export { scaleByNadam, type ScaleByNadamOptions, type NadamState } from "./scale-by-nadam.js";
export { scaleByRadam, type ScaleByRadamOptions, type RadamState } from "./scale-by-radam.js";
export { scaleByRms, type ScaleByRmsOptions, type RmsState } from "./scale-by-rms.js";
export { scaleByAdagrad, type ScaleByAdagradOptions } from "./scale-by-adagrad.js";
export { scaleByInverseTimeDecay } from "./scale-by-inverse-time-decay.js";
export { scaleByAdadelta, type ScaleByAdadeltaOptions, type AdadeltaState } from "./scale-by-adadelta.js";
export { scaleByRprop, type ScaleByRpropOptions, type RpropState } from "./scale-by-rprop.js";
export { scaleByLion, type ScaleByLionOptions } from "./scale-by-lion.js";
export { scaleByTrustRatio } from "./scale-by-trust-ratio.js";
export { scheduleFreeAdamW, type ScheduleFreeOptions, type ScheduleFreeState } from "./schedule-free.js";
export { partition } from "./partition.js";
export { orthogonalize, newtonSchulz, matrixShape, type NewtonSchulzOptions } from "./orthogonalize.js";
export { scaleByShape, shapeFactor, type AdjustLr } from "./scale-by-shape.js";
export { scaleByProdigy, type ScaleByProdigyOptions, type ProdigyState } from "./scale-by-prodigy.js";
export { scaleByDAdaptAdam, type ScaleByDAdaptAdamOptions, type DAdaptAdamState } from "./scale-by-dadapt-adam.js";
export { scaleByDog, type ScaleByDogOptions, type DogState } from "./scale-by-dog.js";
export { cautious } from "./cautious.js";
