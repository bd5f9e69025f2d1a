/**
 * Several runs side by side, with the LR range tests their η came from (as `lrkit study` writes
 * it): a summary first — the recommended η* of the range test and, per run, its η, test accuracy,
 * learning-rate verdict and what to change —, then each range test, the runs' losses overlaid on
 * one chart, their test accuracy as bars, their η schedules overlaid (each run one colour in all
 * three), each run's diagnosis with its evidence, and `compareRuns`' tables of the config keys on
 * which they differ and of their results.
 */
import { lossChart, lrChart, runBars } from "../charts/index.js";
import { configLr, rangeTestSummarySchema, readSummary, recommendedLr } from "../../log/index.js";
import { diagnose, diagnosisBox } from "./diagnosis-box.js";
import { findReport, recommendedBox } from "./find-report.js";
import { figure } from "./figure.js";
import { formatNumber, formatTime } from "./format.js";
import { html, type Html } from "./html.js";
import { runLabels } from "./run-labels.js";
import { spansDecades } from "./scale.js";
import { table, type Cell } from "./table.js";
import { reconcileDiagnoses } from "../diagnosis/index.js";
import { bucketSteps, smoothingPerPoint } from "./thin-steps.js";
import type { ComparisonReportData, RunReportData } from "./types.js";

/** Points per run on the overlaid charts. */
const maxPoints = 800;

/** The overlaid charts' plotting width: the page's 1124 px less the axis and a legend of run names. */
const chartWidth = 760;

export async function comparisonReportBody({ runs, comparison }: ComparisonReportData, rangeTests: readonly RunReportData[] = []): Promise<Html> {
  const labels = runLabels(runs.map((r) => r.run));
  const diagnoses = runs.map(({ run, steps, epochs, sharpness }) => (run.kind === "find" ? undefined : diagnose(steps, epochs, run.summary, sharpness)));
  const siblings = diagnoses.flatMap((d, i) => (d !== undefined && typeof d !== "string" ? [{ name: labels[i]!, diagnosis: d, index: i }] : []));
  reconcileDiagnoses(siblings).forEach((d, k) => (diagnoses[siblings[k]!.index] = d));
  const verdicts = diagnoses.map((d, i) => {
    if (runs[i]!.run.kind === "find") return "range test";
    return d === undefined || typeof d === "string" ? "–" : html`<span class="badge ${d.verdict}">${d.verdict.replace("_", " ")}</span>`;
  });
  const stride = Math.max(1, ...runs.map((r) => Math.ceil(r.steps.length / maxPoints)));
  const thinned = runs.map((r) => bucketSteps(r.steps, stride));
  const losses = thinned.flatMap((t) => t.rows.map((s) => s.loss));
  const lrs = thinned.flatMap((t) => t.rows.map((s) => s.lr));
  const header = ["", ...labels];
  const rows = (list: typeof comparison.config) => list.map((row): Cell[] => [row.key, ...(row.values as Cell[])]);
  const accuracy = runs.map(({ run }) => testMetric(run.metrics, "accuracy"));
  const recommended = rangeTests.length === 0 ? undefined : recommendedLr(readSummary(rangeTestSummarySchema, rangeTests[0]!.run.summary).suggestions ?? {});
  const trained = runs.flatMap((r, i) => (r.run.kind === "find" ? [] : [i]));
  return html`<h1>Comparison of ${runs.length} runs</h1>
<h2>Summary</h2>
${rangeTests.length === 0 ? "" : recommendedBox(recommended)}
${table(
  ["run", "η", "test accuracy", "η verdict", "what to change"],
  trained.map((i) => {
    const d = diagnoses[i];
    const lr = configLr(runs[i]!.run.config);
    return [labels[i], lr === undefined ? undefined : formatNumber(lr), accuracy[i] === undefined ? undefined : percent(accuracy[i]!), verdicts[i], d === undefined || typeof d === "string" ? undefined : d.suggestion];
  }),
)}
${await Promise.all(rangeTests.map((test) => findReport(test, { level: 2, recommended: false })))}
<h2>Runs</h2>
${table(
  ["run", "id", "kind", "status", "started", "steps", "epochs", "η verdict"],
  runs.map(({ run }, i) => [labels[i], html`<code>${run.id}</code>`, run.kind, run.status, formatTime(run.createdAt), run.stepCount, run.epochCount, verdicts[i]]),
)}
<h2>Loss per step</h2>
${await figure(
  "loss",
  lossChart({
    series: thinned.map((t, i) => ({ name: labels[i]!, steps: t.rows.map((s) => s.step), loss: t.rows.map((s) => s.loss) })),
    logY: spansDecades(losses),
    smoothing: smoothingPerPoint(0.98, stride),
    width: chartWidth,
  }),
  `all runs on one chart, one colour each; faint: ${stride === 1 ? "each step's loss" : `the mean loss of each ${stride} steps`}, bold: its moving average`,
)}
${accuracy.some((a) => a !== undefined) ? html`<h2>Test accuracy</h2>
${await figure("accuracy", runBars({ runs: labels.map((name, i) => ({ name, value: accuracy[i] })), metric: "test accuracy", percent: true, width: chartWidth }), "each run's accuracy on the test set after its last step, in the runs' colours")}` : ""}
<h2>Learning rate η per step</h2>
${await figure("lr", lrChart({ series: thinned.map((t, i) => ({ name: labels[i]!, steps: t.rows.map((s) => s.step), lr: t.rows.map((s) => s.lr) })), logY: spansDecades(lrs), width: chartWidth }))}
<h2>What η did in each run</h2>
${trained.map((i) => html`<h3>${labels[i]}</h3>
${diagnosisBox(diagnoses[i] ?? "no diagnosis")}`)}
<h2>Config differences</h2>
${comparison.config.length > 0 ? table(header, rows(comparison.config)) : html`<p class="note">the configs are identical</p>`}
<h2>Results</h2>
${table(header, rows(comparison.results))}`;
}

/** A run's test metric (a finite number), as its stored metrics hold it. */
function testMetric(metrics: Record<string, unknown> | undefined, name: string): number | undefined {
  const test = metrics?.test;
  const value = test !== null && typeof test === "object" ? (test as Record<string, unknown>)[name] : undefined;
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function percent(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}
