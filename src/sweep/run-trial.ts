/**
 * One trial of a sweep, start to end, in whichever thread runs it: a run record in the store (kind
 * "sweep-trial", filed under the sweep and the trial's key), the data (loaded once per thread:
 * `loadDataset` caches named datasets), `runTraining` with the run log and, under ASHA, the
 * callback that asks whether to go on, and the run's end — completed, stopped (by ASHA), diverged
 * or failed with its error. A trial that throws never throws out of here: it is recorded as failed.
 */
import { loadDataset } from "../data/node/index.js";
import type { RunStore } from "../store/index.js";
import { runLogger, runTraining } from "../train/index.js";
import { ashaCallback, type Decide } from "./asha-callback.js";
import type { Overrides } from "./overrides.js";

/** What a thread needs to run a trial (plain data: it crosses to worker threads). */
export interface TrialTask {
  sweepId: string;
  key: string;
  overrides: Overrides;
  config: Record<string, unknown>;
  metric: string;
  /** Under ASHA: report each epoch's metric and stop when told (η words the reason). */
  asha?: { reductionFactor: number };
  /** The config's name, for error messages. */
  where: string;
}

export type TrialStatus = "completed" | "stopped" | "diverged" | "failed";

export interface TrialOutcome {
  key: string;
  overrides: Overrides;
  runId?: string;
  status: TrialStatus;
  epochs: number;
  steps: number;
  seconds: number;
  error?: string;
  /** False when the thread died before it could record the end (the sweep then records it). */
  recorded: boolean;
}

export interface TrialEnvironment {
  store: RunStore;
  dataDir?: string;
  /** Called once the run record exists. */
  onStart?: (runId: string) => void;
}

export async function runTrial(task: TrialTask, env: TrialEnvironment, decide: Decide): Promise<TrialOutcome> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const runId = env.store.createRun({ kind: "sweep-trial", sweepId: task.sweepId, trialKey: task.key, config: task.config, name: describeOverrides(task.overrides) });
  env.onStart?.(runId);
  try {
    const { dir, ...dataSpec } = (task.config.data ?? {}) as Record<string, unknown>;
    const data = await loadDataset(dataSpec, { dataDir: env.dataDir ?? (dir as string | undefined) });
    const asha = task.asha ? ashaCallback(task.metric, decide, task.asha.reductionFactor) : undefined;
    const run = await runTraining(task.config, {
      data,
      callbacks: [runLogger(env.store, runId), ...(asha ? [asha] : [])],
      where: task.where,
    });
    const stoppedEarly = asha?.stopped ?? false;
    const status = stoppedEarly ? "stopped" : !run.stopped || run.stopped.kind === "early_stopping" ? "completed" : "diverged";
    const summary = { overrides: task.overrides, epochs: run.epochs, steps: run.steps, wall_seconds: run.wall_seconds, stopped_early: stoppedEarly, stopped: run.stopped ?? null };
    env.store.finishRun(runId, { status, metrics: run.metrics, summary, ...(run.stopped ? { error: run.stopped.reason } : {}) });
    return { key: task.key, overrides: task.overrides, runId, status, epochs: run.epochs, steps: run.steps, seconds: seconds(), recorded: true };
  } catch (caught) {
    const error = caught instanceof Error ? caught.message : String(caught);
    env.store.finishRun(runId, { status: "failed", error, summary: { overrides: task.overrides, stopped_early: false } });
    return { key: task.key, overrides: task.overrides, runId, status: "failed", epochs: 0, steps: 0, seconds: seconds(), error, recorded: true };
  }
}

/** `optimizer.lr=0.01 batch_size=64`: a trial's overrides as a run name. */
export function describeOverrides(overrides: Overrides): string {
  return Object.entries(overrides)
    .map(([path, value]) => `${path}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
}
