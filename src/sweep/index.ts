/**
 * Learning-rate sweeps (Node only): search spaces over dotted paths of a run config (grid or
 * seeded random), asynchronous successive halving (ASHA) to stop bad trials early, trials in
 * parallel worker threads (one jax-js engine each) or, on a queue (BullMQ over Redis), in
 * `lrkit worker` processes anywhere, recorded in the run store and resumable after the process dies.
 */
export { runSweep, type SweepOptions } from "./run-sweep.js";
export { parseSweepConfig, configHash, type SweepPlan, type Trial } from "./sweep-config.js";
export { parseSearch, planTrials, type Search, type AshaSettings, type PlannedTrial } from "./search.js";
export { parseParamSpec, gridValues, sampleValue, type ParamSpec } from "./space.js";
export { applyOverrides, canonicalJson, trialKey, type Overrides } from "./overrides.js";
export { createAsha, type Asha, type AshaOptions, type Decision } from "./asha.js";
export { ashaCallback, type AshaCallback, type Decide } from "./asha-callback.js";
export { runTrial, describeOutcome, describeOverrides, type TrialTask, type TrialOutcome, type TrialStatus, type TrialEnvironment } from "./run-trial.js";
export type { TrialExecutor } from "./executor.js";
export { workerPool, type WorkerPoolOptions } from "./worker-pool.js";
export { inThisThread } from "./in-this-thread.js";
export { collectResults, bestTrial, sweepJson, sweepTable, type SweepResult, type TrialResult } from "./results.js";
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from "./queue/queue-worker.js";
export { connectRedis, maskUrl } from "./queue/redis-connection.js";
export { QueueError } from "./queue/queue-error.js";
