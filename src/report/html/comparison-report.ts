/**
 * Several runs side by side: a table of the runs with each one's learning-rate verdict, one small
 * loss-vs-step panel per run on shared axes (so heights and lengths compare directly), their η
 * schedules overlaid, and `compareRuns`' tables of the config keys on which they differ and of
 * their results.
 */
import { lrChart, smallMultiples } from "../charts/index.js";
import { diagnose } from "./diagnosis-box.js";
import { figure } from "./figure.js";
import { formatTime } from "./format.js";
import { html, type Html } from "./html.js";
import { runLabels } from "./run-labels.js";
import { spansDecades } from "./scale.js";
import { table, type Cell } from "./table.js";
import { reconcileDiagnoses } from "../diagnosis/index.js";
import { bucketSteps, smoothingPerPoint } from "./thin-steps.js";
import type { ComparisonReportData } from "./types.js";

/** Points per run: the panels are 200 pixels wide. */
const maxPoints = 500;

export async function comparisonReportBody({ runs, comparison }: ComparisonReportData): Promise<Html> {
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
  return html`<h1>Comparison of ${runs.length} runs</h1>
<h2>Runs</h2>
${table(
  ["run", "id", "kind", "status", "started", "steps", "epochs", "η verdict"],
  runs.map(({ run }, i) => [labels[i], html`<code>${run.id}</code>`, run.kind, run.status, formatTime(run.createdAt), run.stepCount, run.epochCount, verdicts[i]]),
)}
<h2>Loss per step</h2>
${await figure(
  "loss",
  smallMultiples({
    runs: thinned.map((t, i) => ({ name: labels[i]!, steps: t.rows.map((s) => s.step), loss: t.rows.map((s) => s.loss) })),
    logY: spansDecades(losses),
    smoothing: smoothingPerPoint(0.98, stride),
  }),
  `one panel per run, shared axes; faint: ${stride === 1 ? "each step's loss" : `the mean loss of each ${stride} steps`}, bold: its moving average`,
)}
<h2>Learning rate η per step</h2>
${await figure("lr", lrChart({ series: thinned.map((t, i) => ({ name: labels[i]!, steps: t.rows.map((s) => s.step), lr: t.rows.map((s) => s.lr) })), logY: spansDecades(lrs) }))}
<h2>Config differences</h2>
${comparison.config.length > 0 ? table(header, rows(comparison.config)) : html`<p class="note">the configs are identical</p>`}
<h2>Results</h2>
${table(header, rows(comparison.results))}`;
}
