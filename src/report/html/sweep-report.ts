/**
 * The report of a learning-rate sweep: the best trial, the sweep's metric against η (log axis;
 * trials stopped early drawn as hollow squares, so "bad η" is not confused with "not given the
 * budget"), every trial's learning curve of that metric per epoch, the trials ranked from best to
 * worst (by `higherIsBetter`; trials without a finite value last), and the sweep's config.
 */
import { rankTrials } from "../../log/index.js";
import { learningCurves, sweepChart } from "../charts/index.js";
import { configBlock } from "./config-block.js";
import { figure } from "./figure.js";
import { formatDuration, formatNumber, formatTime } from "./format.js";
import { html, type Html } from "./html.js";
import { table } from "./table.js";
import type { SweepReportData, SweepTrialData } from "./types.js";

export async function sweepReportBody(data: SweepReportData): Promise<Html> {
  const { sweep, metric } = data;
  const ranked = rankSweepTrials(data);
  const best = ranked[0] !== undefined && Number.isFinite(ranked[0].value) ? ranked[0] : undefined;
  const labels = trialLabels(data.trials);
  const blownUp = new Set(blownUpTrials(data));
  const drawn = data.trials.filter((t) => !blownUp.has(t));
  const hidden = data.trials.flatMap((t, i) => (blownUp.has(t) ? [`${labels[i]} (${formatNumber(t.value)})`] : []));
  const hiddenNote = hidden.length === 0 ? undefined : `not drawn, to keep the other trials readable: ${hidden.join(", ")}, over ${outlierFactor}× the median trial's ${metric}; see the table`;
  const stopped = data.trials.filter((t) => t.stoppedEarly).length;
  const seconds = sweep.finishedAt === undefined ? undefined : (Date.parse(sweep.finishedAt) - Date.parse(sweep.createdAt)) / 1000;
  return html`<h1>${sweep.name ?? `sweep ${sweep.id}`}</h1>
<p class="meta"><span>learning-rate sweep</span><span>sweep <code>${sweep.id}</code></span><span><span class="badge ${sweep.status}">${sweep.status}</span></span></p>
<p class="meta"><span>started ${formatTime(sweep.createdAt)}</span>${seconds === undefined ? "" : html`<span>took ${formatDuration(seconds)}</span>`}<span>${data.trials.length} trials</span><span>${stopped} stopped early</span></p>
<div class="box ${best ? "good" : ""}">${
    best
      ? html`<p><strong>best trial:</strong> η = ${formatNumber(best.lr)} with ${metric} ${formatNumber(best.value)} (${data.higherIsBetter ? "higher" : "lower"} is better), run <code>${best.run.id}</code></p>`
      : html`<p class="note">no trial has a finite ${metric} yet</p>`
  }</div>
<h2>Final validation ${metric} against η</h2>
${await figure(
  "sweep",
  sweepChart({
    trials: drawn.map((t) => ({ lr: t.lr, value: t.value, stoppedEarly: t.stoppedEarly, ...(t === best ? { label: "best" } : {}) })),
    metric: `final val ${metric}`,
    title: `Final validation ${metric} per trial`,
  }),
  hiddenNote,
)}
<h2>Learning curves</h2>
${await figure(
  "curves",
  learningCurves({
    trials: data.trials.flatMap((t, i) =>
      blownUp.has(t) ? [] : [{ name: labels[i]!, epochs: t.epochs.map((e) => e.epoch), values: t.epochs.map((e) => e.val[metric] ?? NaN), stoppedEarly: t.stoppedEarly }],
    ),
    metric: `val ${metric}`,
    title: `Validation ${metric} per epoch, every trial`,
  }),
  `dashed and ending in a cross: trials stopped early${hiddenNote === undefined ? "" : `; ${hiddenNote}`}`,
)}
<h2>Trials, best first</h2>
${table(
  ["rank", "η", `final val ${metric}`, "status", "stopped early", "epochs", "steps", "run", "trial"],
  ranked.map((t, i) => [i + 1, t.lr, t.value, t.run.status, t.stoppedEarly ? "yes" : "no", t.run.epochCount, t.run.stepCount, html`<code>${t.run.id}</code>`, t.run.name ?? t.run.trialKey]),
  (i) => ranked[i] === best,
)}
${stopped > 0 ? html`<p class="note">Trials stopped early rank below the finished ones: their value is from fewer epochs.</p>` : ""}
<h2>Config</h2>
${configBlock(sweep.config)}`;
}

const outlierFactor = 100;

/**
 * Trials whose value blew up: for a metric to minimise (a loss), a final value above
 * `outlierFactor` × the median of the trials' finite values. One trial at η far past stability
 * can end with a loss of 1e8, which on a linear axis flattens every other trial into a line at 0;
 * such trials are left out of the charts (they stay in the table), as non-finite ones are.
 */
function blownUpTrials({ trials, higherIsBetter }: SweepReportData): SweepTrialData[] {
  const finite = trials.map((t) => t.value).filter(Number.isFinite).sort((a, b) => a - b);
  const median = finite[Math.floor((finite.length - 1) / 2)];
  if (higherIsBetter || median === undefined || !(median > 0)) return [];
  return trials.filter((t) => t.value > outlierFactor * median);
}

/** Trials with a finite value from best to worst, then those without one, failed trials last; ties keep the trials' order (as `lrkit sweep` ranks them). */
export function rankSweepTrials({ trials, higherIsBetter }: SweepReportData): SweepTrialData[] {
  return rankTrials(trials, (t) => ({ failed: t.run.status === "failed", value: t.value, stoppedEarly: t.stoppedEarly, epochs: t.run.epochCount }), higherIsBetter ? "max" : "min");
}

/** Each trial's run name (the sweep names it by its overrides, "optimizer.lr=0.01"), else "η=0.01"; a label several trials share gets the run id. */
function trialLabels(trials: readonly SweepTrialData[]): string[] {
  const names = trials.map((t) => t.run.name ?? `η=${formatNumber(t.lr)}`);
  return names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name) ? `${name} (${trials[i]!.run.id})` : name));
}
