/**
 * `lrkit study` (what `npm start` runs): the learning rate on MNIST from start to finish.
 *
 * 1. An LR range test (SGD with momentum 0.9, η from 1e-7 to 10 over 100 steps) gives η*, the
 *    recommended η of `lrkit find --apply` too (`log/`'s `recommendedLr`: fastai's `minimum` rule,
 *    the η of the lowest smoothed loss ÷ 10); the other rules' η are printed as alternatives.
 * 2. Four runs with the same budget (the same steps and batches):
 *    (a) SGD, OneCycleLR with max_lr = η*;  (b) Adam at a constant 1e-3 (the seed's advice);
 *    (c) SGD at a constant 10·η* (too high);  (d) SGD at a constant η* ÷ 100 (too low).
 * 3. A summary table (test accuracy, final loss, time, diagnosis per run) and one HTML report with
 *    the range test and the four runs side by side.
 * Everything is recorded in the run store, so `lrkit runs` and `lrkit dash` show it too.
 */
import { rangeTestFromConfig, rangeTestSummary, recordRun, recordTraining } from "../../run/index.js";
import { parseNumber } from "../number-option.js";
import { Command, Option } from "commander";
import type { DeviceChoice } from "../../engine/node/index.js";
import { deviceOption, startDevice } from "../device-option.js";
import { permutation, purpose, seededGenerator, subset, type TrainTest } from "../../data/index.js";
import { loadDataset } from "../../data/node/index.js";
import { defaultSettings, unusableReason } from "../../find/index.js";
import { checkOutputPath } from "../../files/index.js";
import { reconcileDiagnoses, type LrDiagnosis } from "../../report/index.js";
import { writeReport } from "../../report/node/index.js";
import { recommendedLr, type RecommendedLr } from "../../log/index.js";
import { openStore, storePath } from "../../store/index.js";
import { progressBar } from "../progress.js";
import { rangeTestProgress } from "./find.js";

interface StudyOptions {
  steps: string;
  model: string;
  out: string;
  dataDir?: string;
  store?: string;
  json?: boolean;
  progress?: boolean;
  device?: DeviceChoice;
}

interface StudyRow {
  name: string;
  optimizer: string;
  lr: string;
  runId: string | undefined;
  testAccuracy: number;
  testLoss: number;
  finalTrainLoss: number;
  seconds: number;
  /** Its diagnosis, made consistent with its siblings' (`reconcileDiagnoses`) once all four ran. */
  diagnosis: LrDiagnosis;
}

const batchSize = 64;

export function studyCommand(): Command {
  return new Command("study")
    .description("the main job: an LR range test on MNIST, then one-cycle at the suggested η, Adam 1e-3, η 10× too high and 100× too low, with a report")
    .addOption(new Option("--steps <n>", "training steps per run (batch 64)").default("600"))
    .addOption(new Option("--model <preset>", "the model: the seed CNN, or an MLP 784-256-10").choices(["cnn", "mlp"]).default("cnn"))
    .addOption(new Option("--out <file.html>", "where the report goes").default("report.html"))
    .addOption(new Option("--data-dir <dir>", "where datasets are (default: $LRKIT_DATA_DIR, then ../shared/datasets)"))
    .addOption(new Option("--store <path>", "the run store (default: $LRKIT_STORE, then runs/lrkit.db)"))
    .addOption(new Option("--json", "print the summary as one JSON object"))
    .addOption(new Option("--progress", "draw progress bars even when stderr is not a terminal"))
    .addOption(deviceOption())
    .action(async (options: StudyOptions) => {
      const steps = parseNumber(options.steps, "--steps", { integer: true, min: 10 });
      const out = checkOutputPath(options.out, "--out", [".html"]);
      await startDevice(options.device);
      const started = performance.now();
      const data = await trainingBudget(await loadDataset({ name: "mnist" }, { dataDir: options.dataDir }), steps);
      const path = storePath(options.store);
      const store = openStore(path);
      const base = { data: { name: "mnist" }, model: options.model === "mlp" ? { preset: "mlp", hidden: [256] } : { preset: "cnn" }, loss: "cross_entropy", epochs: 1, batch_size: batchSize, val_fraction: 0, seed: 0 };
      const sgd = { type: "SGD", lr: 0.01, momentum: 0.9 };
      const rows: StudyRow[] = [];
      let findId: string | undefined;
      let recommended: RecommendedLr | undefined;
      try {
        const findConfig = { ...base, optimizer: sgd };
        const progress = rangeTestProgress(defaultSettings.numIter, options.progress);
        const found = await recordRun(store, { kind: "find", config: findConfig, name: "study: LR range test", plannedSteps: defaultSettings.numIter }, async () => {
          const value = await rangeTestFromConfig(findConfig, { data, onStep: progress.update });
          return { value, end: { status: "completed", summary: rangeTestSummary(value) } };
        });
        progress.stop();
        const test = found.value;
        findId = found.runId;
        recommended = recommendedLr(rangeTestSummary(test).suggestions);
        if (recommended === undefined) {
          throw new Error(`the range test suggested no learning rate (${unusableReason(test.suggestions.minimum)}); see lrkit report ${findId}`);
        }
        const eta = recommended.lr;
        const others = recommended.alternatives.map((a) => `${a.rule} ${format(a.lr)}`).join(", ");
        say(options, `LR range test: η* = ${eta} (${recommended.rule} rule: lowest loss ÷ 10; alternatives ${others})\n`);

        const runs = [
          { name: "(a) one-cycle at η*", optimizer: { ...sgd, lr: eta / 25 }, scheduler: { type: "OneCycleLR", max_lr: eta }, lr: `OneCycleLR max_lr ${eta}` },
          { name: "(b) Adam 1e-3", optimizer: { type: "Adam", lr: 1e-3 }, lr: "1e-3 constant" },
          { name: "(c) 10× too high", optimizer: { ...sgd, lr: 10 * eta }, lr: `${format(10 * eta)} constant` },
          { name: "(d) 100× too low", optimizer: { ...sgd, lr: eta / 100 }, lr: `${format(eta / 100)} constant` },
        ];
        for (const spec of runs) {
          const config = { ...base, optimizer: spec.optimizer, ...(spec.scheduler ? { scheduler: spec.scheduler } : {}) };
          const { run, runId, summary } = await recordTraining(config, {
            data,
            store,
            name: `study: ${spec.name}`,
            callbacks: [progressBar({ label: spec.name, epochs: 1, force: options.progress })],
          });
          rows.push({
            name: spec.name,
            optimizer: String(spec.optimizer.type),
            lr: spec.lr,
            runId,
            testAccuracy: run.metrics.test.accuracy ?? NaN,
            testLoss: run.metrics.test.loss ?? NaN,
            finalTrainLoss: run.history.epochs.at(-1)?.trainLoss ?? NaN,
            seconds: run.wall_seconds,
            diagnosis: summary.diagnosis,
          });
          say(options, `${spec.name}: test accuracy ${((run.metrics.test.accuracy ?? NaN) * 100).toFixed(2)}%, ${run.wall_seconds.toFixed(0)} s\n`);
        }
      } finally {
        store.close();
      }
      reconcileDiagnoses(rows).forEach((diagnosis, i) => (rows[i]!.diagnosis = diagnosis));
      const report = await writeReport(path, [findId!, ...rows.map((r) => r.runId!)], out);
      const seconds = (performance.now() - started) / 1000;
      if (options.json) {
        const runs = rows.map(({ diagnosis, ...row }) => ({ ...row, verdict: diagnosis.verdict, suggestion: diagnosis.suggestion }));
        process.stdout.write(`${JSON.stringify({ find_id: findId, recommended, runs, report: report.path, seconds })}\n`);
        return;
      }
      process.stdout.write(`${table(rows)}\n\nreport: ${report.path}\n(total ${seconds.toFixed(0)} s; lrkit runs and lrkit dash show these runs too)\n`);
    });
}

/** The first steps × 64 training samples of a seeded shuffle, and the whole test set. */
async function trainingBudget(data: TrainTest, steps: number): Promise<TrainTest> {
  const n = Math.min(data.train.n, steps * batchSize);
  const order = permutation(data.train.n, seededGenerator(0, purpose.split, 7));
  return { train: subset(data.train, order.subarray(0, n), `${data.train.name}[${n}]`), test: data.test };
}

function table(rows: StudyRow[]): string {
  const header = ["run", "η", "test acc", "test loss", "final train loss", "time", "diagnosis"];
  const body = rows.map((r) => [r.name, r.lr, pct(r.testAccuracy), num(r.testLoss), num(r.finalTrainLoss), `${r.seconds.toFixed(0)} s`, r.diagnosis.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const suggestions = rows.map((r) => `  ${r.name}: ${r.diagnosis.suggestion}`);
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line), "", "What to change:", ...suggestions].join("\n");
}

function say(options: StudyOptions, text: string): void {
  if (!options.json) process.stderr.write(text);
}

function format(lr: number | undefined): string {
  return lr === undefined ? "none" : Number(lr.toPrecision(3)).toString();
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(2)}%` : "-";
}

function num(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}
