/**
 * Self-contained HTML reports (see `page.ts`): one file that loads nothing and runs no script,
 * with every user-provided text (names, configs, errors) escaped. `renderRunReport` reports a
 * train run or sweep trial (diagnosis, metrics, curves, config) or an LR range test (suggestions
 * and the range-test curve); `renderSweepReport` a sweep; `renderComparisonReport` several runs
 * (with the LR range tests they came from).
 */
import { comparisonReportBody } from "./comparison-report.js";
import { findReport } from "./find-report.js";
import { page } from "./page.js";
import { runTitle } from "./run-header.js";
import { sweepReportBody } from "./sweep-report.js";
import { trainReport } from "./train-report.js";
import type { ComparisonReportData, RunReportData, SweepReportData } from "./types.js";

export async function renderRunReport(data: RunReportData): Promise<string> {
  const body = data.run.kind === "find" ? await findReport(data) : await trainReport(data);
  return page(`${runTitle(data.run)} · lrkit report`, body);
}

export async function renderSweepReport(data: SweepReportData): Promise<string> {
  return page(`${data.sweep.name ?? `sweep ${data.sweep.id}`} · lrkit sweep report`, await sweepReportBody(data));
}

/** Several runs side by side; LR range tests among the ids come first, as the curves their η came from. */
export async function renderComparisonReport(data: ComparisonReportData, rangeTests: readonly RunReportData[] = []): Promise<string> {
  return page(`${data.runs.length} runs compared · lrkit report`, await comparisonReportBody(data, rangeTests));
}
