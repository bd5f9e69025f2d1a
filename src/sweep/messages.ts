/**
 * The messages between the sweep (main thread) and a trial worker thread.
 *
 * worker → main: `ready` once its engine and store connection are open; per trial `started`
 * (the run record exists), `epoch` (under ASHA: a metric to decide on; the worker waits for the
 * `decision`), and `done` with the outcome; `closed` after a `close`. A thread without a store of
 * its own (a queue worker's) sends each store write as a `write` instead.
 * main → worker: `trial`, `decision`, `close`.
 */
import type { Decision } from "./asha.js";
import type { RunWrite } from "./queue/run-writes.js";
import type { TrialOutcome, TrialTask } from "./run-trial.js";

export interface WorkerSetup {
  /** The run store the thread writes to; without one, its writes go to the main thread as `write` messages. */
  storePath?: string;
  dataDir?: string;
  /** The device each worker's trials train on (default wasm); the main thread has checked it starts. */
  device?: "wasm" | "webgpu";
}

export type ToWorker = { type: "trial"; task: TrialTask } | { type: "decision"; decision: Decision } | { type: "close" };

export type FromWorker =
  | { type: "ready" }
  | { type: "started"; runId: string }
  | { type: "epoch"; epoch: number; value: number }
  | { type: "write"; write: RunWrite }
  | { type: "done"; outcome: TrialOutcome }
  | { type: "closed" };
