/**
 * Where a sweep's trials run: a pool of worker threads (`workerPool`), or this thread
 * (`inThisThread`, one trial at a time: for debugging and for tests that run TypeScript sources).
 */
import type { Decide } from "./asha-callback.js";
import type { TrialOutcome, TrialTask } from "./run-trial.js";

export interface TrialExecutor {
  /** How many trials may run at once. */
  readonly slots: number;
  /** Runs a trial; at most `slots` calls are in flight at a time. Resolves (never rejects) with the outcome, unless the executor itself cannot work. */
  run(task: TrialTask, decide: Decide): Promise<TrialOutcome>;
  close(): Promise<void>;
}
