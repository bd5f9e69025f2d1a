/**
 * Training: one jitted step (forward, loss, gradients, clipping, optimizer update with η as a
 * traced scalar), a short loop, and callbacks on named events for everything optional.
 */
export { createTrainer, type TrainerSetup, type FitInput, type FitOutput } from "./trainer.js";
export type { KernelPlacement } from "./kernel-placement.js";
export { fire, type Callback, type EventName, type Metrics, type TrainState } from "./callback.js";
export { batchSource, type ArrayBatch, type BatchSource, type BatchSourceOptions } from "./batches.js";
export { divergenceGuard, type DivergenceGuardOptions } from "./callbacks/divergence-guard.js";
export { earlyStopping, type EarlyStopping, type EarlyStoppingOptions } from "./callbacks/early-stopping.js";
export { history, type History } from "./callbacks/history.js";
export { scheduleLr, type ScheduleLrOptions } from "./callbacks/schedule-lr.js";
export type { Checkpoint } from "./checkpoint.js";
export { trainingLoss, type TrainableModel, type LossFn } from "./training-loss.js";
export { createObjective, parseLossSpec, lossAliases, type Objective, type LossName } from "./objective.js";
export { createEvaluator, metricNames, type Evaluator } from "./evaluate.js";
export { checkpointing, captureCheckpoint, type CheckpointingOptions } from "./callbacks/checkpointing.js";
export { runLogger } from "./callbacks/run-logger.js";
export { sharpnessMonitor, type SharpnessMonitor, type SharpnessMonitorOptions, type SharpnessRow } from "./callbacks/sharpness-monitor.js";
export {
  sharpnessProbe,
  hessianVectorProduct,
  adamPreconditioner,
  inverseSqrtPreconditioner,
  preconditionedTypes,
  preconditioningOf,
  stabilityThreshold,
  type Preconditioning,
  type SharpnessOptions,
  type SharpnessRule,
  type ParamsLoss,
} from "./sharpness/index.js";
