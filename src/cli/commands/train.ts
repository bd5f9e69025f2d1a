/**
 * `lrkit train --config run.yaml`: one training run from a config file. Progress bars go to
 * stderr, the summary (or `--json`) to stdout; every run is recorded in the run store, and
 * `--out DIR` keeps its per-step log, epoch log, checkpoints and result as files. `--sharpness K`
 * probes λ_max every K steps (the config's `sharpness`, if it has one, wins). `--device` picks where
 * jax-js computes (wasm, webgpu, auto); the summary says which.
 */
import { existsSync } from "node:fs";
import { Command, Option } from "commander";
import { ConfigError } from "../../errors.js";
import { formatDiagnosis } from "../../report/index.js";
import { checkOutPath, writeReportForRun } from "../../report/node/index.js";
import { parseRunSpec, recordTraining, type RecordedTraining } from "../../run/index.js";
import { loadRunData } from "../../run/node/index.js";
import { openStore, storePath, type RunStore } from "../../store/index.js";
import { readCheckpoint, runFiles } from "../../train/node/index.js";
import type { DeviceChoice } from "../../engine/node/index.js";
import { deviceOption, startDevice } from "../device-option.js";
import { numberOption } from "../number-option.js";
import { progressBar } from "../progress.js";
import { readSpec } from "../read-spec.js";
import { applySets, collectSet, withSets, type SetOverride } from "../set-option.js";

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
  set?: SetOverride[];
  sharpness?: number;
  device?: DeviceChoice;
}

export function trainCommand(): Command {
  return new Command("train")
    .description("train a model from a config file (YAML or JSON) and report what η did")
    .requiredOption("-c, --config <file>", "run config: data, model, loss, optimizer, scheduler, clip, epochs, batch_size, seed")
    .addOption(new Option("--set <key.path=value>", "override one config key (repeatable), e.g. --set optimizer.lr=3e-3").argParser(collectSet))
    .addOption(new Option("--json", "print one JSON object with the metrics on stdout (progress stays on stderr)"))
    .addOption(new Option("--out <dir>", "keep steps.csv, epochs.jsonl, checkpoint.json and result.json in this folder"))
    .addOption(new Option("--resume <checkpoint>", "continue from a checkpoint written by --out with the same config"))
    .addOption(new Option("--data-dir <dir>", "where datasets are (default: $LRKIT_DATA_DIR, then ../shared/datasets)"))
    .addOption(new Option("--store <path>", "the run store (default: $LRKIT_STORE, then runs/lrkit.db)"))
    .addOption(new Option("--no-record", "do not record the run in the run store"))
    .addOption(new Option("--progress", "draw progress bars even when stderr is not a terminal"))
    .addOption(new Option("--report <file.html>", "write a self-contained HTML report of the run (needs the run store)"))
    .addOption(
      new Option("--sharpness <K>", "probe λ_max of the Hessian every K steps (20 power iterations) beside 2/η, unless the config sets sharpness").argParser(
        numberOption("--sharpness", { integer: true, min: 1 }),
      ),
    )
    .addOption(deviceOption())
    .action(async (options: TrainOptions) => {
      if (options.report) {
        if (!options.record) throw new ConfigError("--report reads the run from the run store; drop --no-record", "--report", "report", options.report);
        checkOutPath(options.report);
      }
      const result = await train(options);
      process.stdout.write(options.json ? `${JSON.stringify(result.summary)}\n` : `${textSummary(result)}${formatDiagnosis(result.summary.diagnosis)}\n`);
      if (options.report && result.runId) {
        const written = await writeReportForRun(storePath(options.store), result.runId, options.report);
        process.stderr.write(`report: ${written.path}\n`);
      }
      if (result.run.stopped && result.run.stopped.kind !== "early_stopping") process.exitCode = 3;
    });
}

async function train(options: TrainOptions): Promise<RecordedTraining> {
  const read = readSpec(options.config, "{ data: { name: mnist }, model: { preset: cnn }, optimizer: { type: Adam, lr: 0.001 }, epochs: 1, batch_size: 64 }", "--config");
  const sets = options.set ?? [];
  const overridden = applySets(read.spec, sets);
  const { where } = read;
  const config = options.sharpness === undefined || overridden.sharpness !== undefined ? overridden : { ...overridden, sharpness: { every: options.sharpness, iters: 20 } };
  const spec = withSets(sets, () => parseRunSpec(config, where));
  if (options.resume && !existsSync(options.resume)) throw new ConfigError(`--resume: no checkpoint at "${options.resume}"`, "--resume", "resume", options.resume);
  const resume = options.resume ? readCheckpoint(options.resume) : undefined;
  await startDevice(options.device);
  const data = await loadRunData(spec, options.dataDir, where);
  const files = options.out ? runFiles(options.out) : undefined;
  const store: RunStore | undefined = options.record ? openStore(storePath(options.store)) : undefined;
  try {
    return await recordTraining(config, {
      data,
      store,
      name: options.config,
      callbacks: [progressBar({ epochs: spec.epochs, force: options.progress })],
      resume,
      files,
      where,
      onNotes: (notes) => process.stderr.write(notes.map((note) => `note: ${note}\n`).join("")),
    });
  } finally {
    store?.close();
  }
}

function textSummary({ run, runId }: RecordedTraining): string {
  const show = (metrics: Record<string, number>) =>
    Object.entries(metrics)
      .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(4)}`)
      .join(", ") || "-";
  const lines = [
    `trained ${run.epochs} epoch${run.epochs === 1 ? "" : "s"} (${run.steps} steps) on ${run.device} in ${run.wall_seconds.toFixed(1)} s; final lr ${run.lr_final.toPrecision(4)}`,
    `  val:  ${show(run.metrics.val)}`,
    `  test: ${show(run.metrics.test)}`,
  ];
  if (run.stopped) lines.push(`  stopped: ${run.stopped.reason}`);
  if (runId) lines.push(`  run ${runId} (lrkit runs show ${runId})`);
  return `${lines.join("\n")}\n`;
}
