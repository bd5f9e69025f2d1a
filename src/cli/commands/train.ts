/**
 * `lrkit train --config run.yaml`: one training run from a config file. Progress bars go to
 * stderr, the summary (or `--json`) to stdout; every run is recorded in the run store, and
 * `--out DIR` keeps its per-step log, epoch log, checkpoints and result as files.
 */
import { existsSync } from "node:fs";
import { Command, Option } from "commander";
import { ConfigError } from "../../errors.js";
import { openStore, storePath, type RunStore } from "../../store/index.js";
import { runLogger, runTraining, type Callback, type Checkpoint, type TrainingRunResult } from "../../train/index.js";
import { readCheckpoint, runFiles, type RunFiles } from "../../train/node/index.js";
import type { TrainTest } from "../../data/index.js";
import { progressBar } from "../progress.js";
import { loadConfigData } from "../config-data.js";
import { readSpec } from "../read-spec.js";
import { diagnoseLr, formatDiagnosis, type LrDiagnosis } from "../../report/index.js";
import { checkOutPath, writeReportForRun } from "../../report/node/index.js";

interface TrainOptions {
  config: string;
  json?: boolean;
  out?: string;
  resume?: string;
  dataDir?: string;
  store?: string;
  record: boolean;
  progress?: boolean;
  report?: string;
}

export function trainCommand(): Command {
  return new Command("train")
    .description("train a model from a config file (YAML or JSON) and report what η did")
    .requiredOption("-c, --config <file>", "run config: data, model, loss, optimizer, scheduler, clip, epochs, batch_size, seed")
    .addOption(new Option("--json", "print one JSON object with the metrics on stdout (progress stays on stderr)"))
    .addOption(new Option("--out <dir>", "keep steps.csv, epochs.jsonl, checkpoint.json and result.json in this folder"))
    .addOption(new Option("--resume <checkpoint>", "continue from a checkpoint written by --out with the same config"))
    .addOption(new Option("--data-dir <dir>", "where datasets are (default: $LRKIT_DATA_DIR, then ../shared/datasets)"))
    .addOption(new Option("--store <path>", "the run store (default: $LRKIT_STORE, then runs/lrkit.db)"))
    .addOption(new Option("--no-record", "do not record the run in the run store"))
    .addOption(new Option("--progress", "draw progress bars even when stderr is not a terminal"))
    .addOption(new Option("--report <file.html>", "write a self-contained HTML report of the run (needs the run store)"))
    .action(async (options: TrainOptions) => {
      if (options.report) {
        if (!options.record) throw new ConfigError("--report reads the run from the run store; drop --no-record", "--report", "report", options.report);
        checkOutPath(options.report);
      }
      const result = await train(options);
      const summary = jsonSummary(result.run, result.runId);
      process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `${textSummary(result.run, result.runId)}${formatDiagnosis(summary.diagnosis)}\n`);
      if (options.report && result.runId) {
        const written = await writeReportForRun(storePath(options.store), result.runId, options.report);
        process.stderr.write(`report: ${written.path}\n`);
      }
      if (result.run.stopped && result.run.stopped.kind !== "early_stopping") process.exitCode = 3;
    });
}

async function train(options: TrainOptions): Promise<{ run: TrainingRunResult; runId?: string }> {
  const { spec: config, where } = readSpec(options.config, "{ data: { name: mnist }, model: { preset: cnn }, optimizer: { type: Adam, lr: 0.001 }, epochs: 1, batch_size: 64 }", "--config");
  const data = await loadConfigData(config, where, options.dataDir);

  if (options.resume && !existsSync(options.resume)) throw new ConfigError(`--resume: no checkpoint at "${options.resume}"`, "--resume", "resume", options.resume);
  const resume = options.resume ? readCheckpoint(options.resume) : undefined;
  const files = options.out ? runFiles(options.out) : undefined;
  const store: RunStore | undefined = options.record ? openStore(storePath(options.store)) : undefined;
  try {
    return await trainRecorded(config, {
      data,
      store,
      name: options.config,
      callbacks: [progressBar({ epochs: Number(config.epochs) || 0, force: options.progress })],
      resume,
      files,
      where,
    });
  } finally {
    store?.close();
  }
}

export interface RecordedTrainingOptions {
  data: TrainTest;
  store?: RunStore;
  /** The run's name in the store (the config file, or a label). */
  name: string;
  callbacks?: Callback[];
  resume?: Checkpoint;
  files?: RunFiles;
  where?: string;
}

/**
 * One training run recorded as `lrkit train` records it: a run of kind "train" in the store with
 * its steps and epochs logged as it goes, and its final status, metrics and summary (with the
 * diagnosis); with `files`, the log, checkpoints and result in a folder too. A run that throws is
 * recorded as failed before the error goes on.
 */
export async function trainRecorded(config: Record<string, unknown>, options: RecordedTrainingOptions): Promise<{ run: TrainingRunResult; runId?: string }> {
  const { store, files } = options;
  const runId = store?.createRun({ kind: "train", config, name: options.name });
  const callbacks: Callback[] = [...(options.callbacks ?? [])];
  if (store && runId) callbacks.push(runLogger(store, runId));
  if (files) callbacks.push(runLogger(files, runId ?? "run"));
  try {
    const run = await runTraining(config, {
      data: options.data,
      callbacks,
      resume: options.resume,
      saveCheckpoint: files ? (c) => files.saveCheckpoint(c) : undefined,
      where: options.where,
    });
    const status = !run.stopped || run.stopped.kind === "early_stopping" ? "completed" : "diverged";
    store?.finishRun(runId!, { status, metrics: run.metrics, summary: jsonSummary(run, runId), error: run.stopped?.reason });
    files?.saveResult(jsonSummary(run, runId));
    return { run, runId };
  } catch (error) {
    if (runId) store?.finishRun(runId, { status: "failed", error: (error as Error).message });
    throw error;
  }
}

/** What η did in this run, from its logged curves (see report/diagnosis). */
function diagnose(run: TrainingRunResult): LrDiagnosis {
  const { steps, epochs } = run.history;
  return diagnoseLr({ steps: steps.step, loss: steps.loss, lr: steps.lr, gradNorm: steps.gradNorm, epochs, stopped: run.stopped });
}

export function jsonSummary(run: TrainingRunResult, runId: string | undefined) {
  return {
    run_id: runId ?? null,
    metrics: run.metrics,
    epochs: run.epochs,
    steps: run.steps,
    wall_seconds: run.wall_seconds,
    lr_final: run.lr_final,
    stopped: run.stopped ?? null,
    diagnosis: diagnose(run),
  };
}

function textSummary(run: TrainingRunResult, runId: string | undefined): string {
  const show = (metrics: Record<string, number>) =>
    Object.entries(metrics)
      .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(4)}`)
      .join(", ") || "-";
  const lines = [
    `trained ${run.epochs} epoch${run.epochs === 1 ? "" : "s"} (${run.steps} steps) in ${run.wall_seconds.toFixed(1)} s; final lr ${run.lr_final.toPrecision(4)}`,
    `  val:  ${show(run.metrics.val)}`,
    `  test: ${show(run.metrics.test)}`,
  ];
  if (run.stopped) lines.push(`  stopped: ${run.stopped.reason}`);
  if (runId) lines.push(`  run ${runId} (lrkit runs show ${runId})`);
  return `${lines.join("\n")}\n`;
}
