/**
 * One trial of a sweep, start to end, in whichever thread runs it: a run record in the store
 * (`recordRun`: kind "sweep-trial", filed under the sweep and the trial's key), the data (loaded
 * once per thread: `loadDataset` caches named datasets), `runTraining` with the run log (sharpness probes
 * included, when the config asks for them) and, under ASHA, the callback that asks whether to go on, and the run's end — completed, stopped (by ASHA), diverged
 * or failed with its error. A trial that throws never throws out of here: it is recorded as failed.
 */
import type { TrialSummary } from "../log/index.js";
import { parseRunSpec, recordRun, runTraining, trainStatus, trainSummary, type RecordingStore } from "../run/index.js";
import { loadRunData } from "../run/node/index.js";
import { runLogger } from "../train/index.js";
import { ashaCallback, type Decide } from "./asha-callback.js";
import type { Overrides } from "./overrides.js";

/** What a thread needs to run a trial (plain data: it crosses to worker threads). */
export interface TrialTask {
  sweepId: string;
  key: string;
  overrides: Overrides;
  config: Record<string, unknown>;
  /** The optimizer steps the trial takes if it runs to its end (epochs × batches), for its record. */
  plannedSteps: number;
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
  store: RecordingStore;
  dataDir?: string;
  /** Called once the run record exists. */
  onStart?: (runId: string) => void;
}

export async function runTrial(task: TrialTask, env: TrialEnvironment, decide: Decide): Promise<TrialOutcome> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const base = { key: task.key, overrides: task.overrides };
  const trial = { kind: "sweep-trial" as const, sweepId: task.sweepId, trialKey: task.key, config: task.config, name: describeOverrides(task.overrides), plannedSteps: task.plannedSteps };
  let runId: string | undefined;
  try {
    const recorded = await recordRun(
      env.store,
      trial,
      async (id) => {
        runId = id;
        env.onStart?.(id!);
        const data = await loadRunData(parseRunSpec(task.config, task.where), env.dataDir, task.where);
        const asha = task.asha ? ashaCallback(task.metric, decide, task.asha.reductionFactor) : undefined;
        const callbacks = [runLogger(env.store, id!), ...(asha ? [asha] : [])];
        const run = await runTraining(task.config, { data, callbacks, where: task.where, onSharpness: (row) => env.store.logSharpness(id!, [row]) });
        const stoppedEarly = asha?.stopped ?? false;
        const status = stoppedEarly ? "stopped" : trainStatus(run);
        const summary: TrialSummary = { ...trainSummary(run, id), overrides: task.overrides, stopped_early: stoppedEarly };
        const outcome: TrialOutcome = { ...base, runId: id, status, epochs: run.epochs, steps: run.steps, seconds: seconds(), recorded: true };
        return { value: outcome, end: { status, metrics: run.metrics, summary, ...(run.stopped ? { error: run.stopped.reason } : {}) } };
      },
      { summary: { overrides: task.overrides, stopped_early: false } },
    );
    return recorded.value;
  } catch (caught) {
    const error = caught instanceof Error ? caught.message : String(caught);
    return failedOutcome(task, { runId, seconds: seconds(), error, recorded: runId !== undefined });
  }
}

/** A trial that failed before it trained to an end: no epochs, no steps, with the error (and its run, if one was made). */
export function failedOutcome(task: Pick<TrialTask, "key" | "overrides">, end: { runId: string | undefined; seconds: number; error: string; recorded: boolean }): TrialOutcome {
  const { runId, ...rest } = end;
  return { key: task.key, overrides: task.overrides, ...(runId === undefined ? {} : { runId }), status: "failed", epochs: 0, steps: 0, ...rest };
}

/** `optimizer.lr=0.01: completed, 9 epochs (1.1 s)` or `…: failed: ERROR (0.2 s)`: how a trial ended, in a line. */
export function describeOutcome(outcome: TrialOutcome): string {
  const what = outcome.status === "failed" ? `failed: ${outcome.error}` : `${outcome.status}, ${outcome.epochs} epochs`;
  return `${describeOverrides(outcome.overrides)}: ${what} (${outcome.seconds.toFixed(1)} s)`;
}

/** `optimizer.lr=0.01 batch_size=64`: a trial's overrides as a run name. */
export function describeOverrides(overrides: Overrides): string {
  return Object.entries(overrides)
    .map(([path, value]) => `${path}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
}
