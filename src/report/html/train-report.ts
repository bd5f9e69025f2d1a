/**
 * The report of a train run (or a sweep trial): header, the learning-rate diagnosis, final
 * metrics, the curves — loss against step (raw and smoothed, on a log axis when it spans two
 * decades, with the step where the run diverged marked; non-finite losses are not drawn; a long
 * run drawn from bucket means, see `thinSteps`), η
 * against step, the gradient norm against step, λ_max against 2/η when the run probed its sharpness
 * (`sharpnessFigure`), and each validation metric per epoch — then the
 * per-epoch log and the config.
 */
import type { EpochRow, StepRow } from "../../log/index.js";
import { lossChart, lrChart, type StepMarker } from "../charts/index.js";
import type { LrDiagnosis } from "../diagnosis/index.js";
import { configBlock } from "./config-block.js";
import { diagnose, diagnosisBox } from "./diagnosis-box.js";
import { epochTable } from "./epoch-table.js";
import { figure } from "./figure.js";
import { formatNumber } from "./format.js";
import { html, type Html } from "./html.js";
import { lineChart } from "./line-chart.js";
import { metricsTable } from "./metrics-table.js";
import { runHeader } from "./run-header.js";
import { sharpnessFigure } from "./sharpness-figure.js";
import { spansDecades } from "./scale.js";
import { smoothingPerPoint, thinSteps } from "./thin-steps.js";
import type { RunReportData } from "./types.js";

export async function trainReport({ run, steps, epochs, sharpness }: RunReportData): Promise<Html> {
  const diagnosis = diagnose(steps, epochs, run.summary, sharpness);
  return html`${runHeader(run)}
<h2>Learning-rate diagnosis</h2>
${diagnosisBox(diagnosis)}
<h2>Results</h2>
${metricsTable(run.metrics, run.best)}
<h2>Curves</h2>
${await stepCharts(steps, divergence(steps, diagnosis), schedulerName(run.config))}
${await sharpnessFigure(sharpness)}
${await epochCharts(epochs)}
${epochTable(epochs)}
<h2>Config</h2>
${configBlock(run.config)}`;
}

/**
 * Where the run diverged: the diagnosis's step, else the first step whose loss is not finite. The
 * loss chart marks it with a line and the caption says what it is: a run stopped by the
 * divergence guard ends there, so a label beside the line would run into the legend.
 */
export function divergence(steps: readonly StepRow[], diagnosis: LrDiagnosis | string): StepMarker | undefined {
  if (typeof diagnosis !== "string" && diagnosis.verdict === "diverged" && diagnosis.details.divergedStep !== undefined) {
    const { divergedStep, divergedLr } = diagnosis.details;
    return { step: divergedStep, label: `diverged at step ${divergedStep}${divergedLr === undefined ? "" : ` (η = ${formatNumber(divergedLr)})`}` };
  }
  const bad = steps.find((s) => !Number.isFinite(s.loss));
  return bad === undefined ? undefined : { step: bad.step, label: `loss not finite from step ${bad.step}` };
}

/** Points per step curve: about two per pixel of the chart's width. */
const maxPoints = 1500;
const beta = 0.98;

async function stepCharts(steps: readonly StepRow[], diverged: StepMarker | undefined, schedule: string): Promise<Html> {
  if (steps.length === 0) return html`<p class="note">no steps were logged</p>`;
  const { rows, stride } = thinSteps(steps, maxPoints);
  const at = rows.map((s) => s.step);
  const loss = rows.map((s) => s.loss);
  const lr = rows.map((s) => s.lr);
  const gradNorm = rows.map((s) => s.gradNorm ?? NaN);
  const smoothing = smoothingPerPoint(beta, stride);
  const nonFinite = steps.filter((s) => !Number.isFinite(s.loss)).length;
  const point = stride === 1 ? "the loss of each step" : `the mean loss of each ${stride} steps`;
  return html`${await figure(
    "loss",
    lossChart({ series: [{ name: "train loss", steps: at, loss }], logY: spansDecades(loss), smoothing, markers: diverged ? [{ step: diverged.step, label: "" }] : [], title: "Loss per step" }),
    `faint: ${point}; bold: its debiased exponential moving average (β = ${beta} per step)${diverged ? `; red dashed line: ${diverged.label}` : ""}${nonFinite > 0 ? `; ${nonFinite} non-finite losses are not drawn` : ""}`,
  )}
<div class="grid">
${await figure("lr", lrChart({ series: [{ name: schedule, steps: at, lr }], logY: spansDecades(lr), title: "Learning rate η per step", width: 480, height: 220 }))}
${
  gradNorm.some(Number.isFinite)
    ? await figure(
        "grad-norm",
        lineChart({ series: [{ name: "gradient norm", x: at, y: gradNorm }], xTitle: "step", yTitle: "gradient norm", legendTitle: "curve", logY: spansDecades(gradNorm), smoothing, title: "Gradient norm per step" }),
        `global L2 norm of the gradient before clipping${stride === 1 ? "" : ` (mean of each ${stride} steps)`}; bold: its moving average`,
      )
    : ""
}
</div>`;
}

/** The loss per epoch (train and validation), then each other validation metric per epoch. */
async function epochCharts(epochs: readonly EpochRow[]): Promise<Html> {
  if (epochs.length === 0) return html``;
  const x = epochs.map((e) => e.epoch);
  const metrics = [...new Set(epochs.flatMap((e) => Object.keys(e.val)))];
  const val = (m: string) => epochs.map((e) => e.val[m] ?? NaN);
  const loss = [{ name: "train", x, y: epochs.map((e) => e.trainLoss) }, ...(metrics.includes("loss") ? [{ name: "validation", x, y: val("loss") }] : [])];
  const charts = [
    await figure("epoch-loss", lineChart({ series: loss, xTitle: "epoch", yTitle: "loss", legendTitle: "split", logY: spansDecades(loss.flatMap((s) => s.y)), title: "Loss per epoch" })),
    ...(await Promise.all(
      metrics
        .filter((m) => m !== "loss")
        .map((m, i) => figure(`epoch-${i}`, lineChart({ series: [{ name: "validation", x, y: val(m) }], xTitle: "epoch", yTitle: m, legendTitle: "split", title: `Validation ${m} per epoch`, percentY: /accuracy/.test(m) }))),
    )),
  ];
  return html`<div class="grid">${charts}</div>`;
}

/** The legend name of the η curve: the scheduler's type when the config names one. */
function schedulerName(config: unknown): string {
  const scheduler = config !== null && typeof config === "object" ? (config as Record<string, unknown>).scheduler : undefined;
  const type = scheduler !== null && typeof scheduler === "object" ? (scheduler as Record<string, unknown>).type : undefined;
  return typeof type === "string" ? type : "η";
}
