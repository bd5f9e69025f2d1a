/**
 * The top of a run's report: its name (else its kind and id) as the title, a line with its kind, id,
 * status, times and log sizes, where it belongs (sweep, trial key, tags), and its error if it
 * has one.
 */
import { rangeTestSummarySchema, readSummary } from "../../log/index.js";
import type { RunSummary } from "../../store/index.js";
import { formatNumber } from "./format.js";
import { formatDuration, formatTime } from "./format.js";
import { html, type Html } from "./html.js";
import { stopReason } from "./stop-reason.js";

/** The run's name, else what it is and its id ("LR range test m5x…"). */
export function runTitle(run: RunSummary): string {
  return run.name ?? `${runKindName(run)} ${run.id}`;
}

export function runKindName(run: RunSummary): string {
  return { train: "training run", find: "LR range test", "sweep-trial": "sweep trial" }[run.kind];
}

/** `level` 2 titles the run with an `<h2>`, as a section of a longer report. */
export function runHeader(run: RunSummary, level: 1 | 2 = 1): Html {
  const seconds = run.finishedAt === undefined ? undefined : (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000;
  return html`${level === 1 ? html`<h1>${runTitle(run)}</h1>` : html`<h2>${runTitle(run)}</h2>`}
<p class="meta"><span>${runKindName(run)}</span><span>run <code>${run.id}</code></span><span><span class="badge ${run.status}">${run.status}</span></span></p>
<p class="meta"><span>started ${formatTime(run.createdAt)}</span>${seconds === undefined ? "" : html`<span>took ${formatDuration(seconds)}</span>`}${logSize(run)}</p>
${
  run.sweepId === undefined && run.tags.length === 0
    ? ""
    : html`<p class="meta">${run.sweepId === undefined ? "" : html`<span>trial of sweep <code>${run.sweepId}</code>${run.trialKey === undefined ? "" : html` (${run.trialKey})`}</span>`}${run.tags.length === 0 ? "" : html`<span>tags: ${run.tags.join(", ")}</span>`}</p>`
}
${problem(run)}`;
}

/** How much the run logged: a training run's steps and epochs, a range test's sweep of η (it logs no steps or epochs of its own). */
function logSize(run: RunSummary): Html {
  if (run.kind !== "find") return html`<span>${run.stepCount} steps logged</span><span>${run.epochCount} epochs logged</span>`;
  const { lrs = [] } = readSummary(rangeTestSummarySchema, run.summary);
  if (lrs.length === 0) return html`<span>${run.stepCount} steps logged</span>`;
  return html`<span>${lrs.length} steps sweeping η from ${formatNumber(lrs[0]!)} to ${formatNumber(lrs.at(-1)!)}</span>`;
}

/**
 * The run's error, or the reason the trainer stopped it early (which the train command also
 * records as the error): red for a failure or divergence, neutral for early stopping.
 */
function problem(run: RunSummary): Html {
  const stopped = stopReason(run.summary);
  if (stopped !== undefined && (run.error === undefined || run.error === stopped.reason)) {
    const bad = stopped.kind !== "early_stopping";
    return html`<div class="box${bad ? " error" : ""}"><strong>stopped early (${stopped.kind.replace("_", " ")}):</strong> ${stopped.reason}</div>`;
  }
  return run.error === undefined ? html`` : html`<div class="box error"><strong>${run.status === "diverged" ? "diverged" : "error"}</strong><pre>${run.error}</pre></div>`;
}
