/**
 * One training run recorded as `lrkit train` records it: the config checked and the run built
 * first (a bad config is an error before anything is recorded), then a run of kind "train" in the
 * store with its steps, epochs and sharpness probes logged as it goes, and its final status, metrics and
 * `TrainSummary` (with the diagnosis); with `files`, the log, checkpoints and result in a folder
 * too.
 */
import type { TrainTest } from "../data/index.js";
import type { RunLog, SharpnessRow } from "../log/index.js";
import type { RunStore } from "../store/index.js";
import { runLogger, type Callback, type Checkpoint } from "../train/index.js";
import type { RunFiles } from "../train/node/index.js";
import { buildRun } from "./build.js";
import { recordRun, type RunRecorder } from "./record.js";
import { parseRunSpec } from "./spec.js";
import { trainStatus, trainSummary } from "./summaries.js";
import { fitRun, type TrainingRunResult } from "./train.js";

/** What a recorded run writes to: the run store, or a stand-in that relays the writes (a queue worker's). */
export type RecordingStore = RunRecorder & RunLog & Pick<RunStore, "logSharpness">;

export interface RecordedTrainingOptions {
  data: TrainTest;
  store?: RecordingStore;
  /** The run's name in the store (the config file, or a label). */
  name: string;
  callbacks?: Callback[];
  resume?: Checkpoint;
  files?: RunFiles;
  where?: string;
  /** Told what the run's build noticed (e.g. a full batch) before it trains. */
  onNotes?: (notes: readonly string[]) => void;
}

export interface RecordedTraining {
  run: TrainingRunResult;
  runId: string | undefined;
  summary: ReturnType<typeof trainSummary>;
}

export async function recordTraining(config: unknown, options: RecordedTrainingOptions): Promise<RecordedTraining> {
  const { store, files } = options;
  const started = performance.now();
  const built = buildRun(parseRunSpec(config, options.where), options.data, options.where);
  if (built.notes.length > 0) options.onNotes?.(built.notes);
  const { value, runId } = await recordRun(store, { kind: "train", config, name: options.name, plannedSteps: built.spec.epochs * built.batches.batchesPerEpoch }, async (id) => {
    const callbacks: Callback[] = [...(options.callbacks ?? [])];
    if (store && id) callbacks.push(runLogger(store, id));
    if (files) callbacks.push(runLogger(files, id ?? "run"));
    const onSharpness = store && id ? (row: SharpnessRow) => store.logSharpness(id, [row]) : undefined;
    const saveCheckpoint = files ? (c: Checkpoint) => files.saveCheckpoint(c) : undefined;
    const run = await fitRun(built, { callbacks, resume: options.resume, saveCheckpoint, onSharpness }, started);
    const summary = trainSummary(run, id);
    files?.saveResult(summary);
    return { value: { run, summary }, end: { status: trainStatus(run), metrics: run.metrics, summary, error: run.stopped?.reason } };
  });
  return { ...value, runId };
}
