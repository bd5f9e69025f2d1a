/**
 * What the runs table reads from a run beyond its record: the best validation metric it leads
 * with, the final test metrics, and how far through its planned epochs it is.
 */
import { readSummary, trainSummarySchema } from "../../log/index.js";
import { num, type RunSummary } from "./api.js";
import { plannedEpochs } from "./format.js";

/**
 * Whether a larger value of `metric` is better: accuracy-like names (ending in `acc`, `accuracy`,
 * `auc`, `f1`, `precision`, `recall`, `r2`, `top1`, …), the rule of the store's `higherIsBetter`,
 * which the pages cannot import (the store is Node-only).
 */
export function higherIsBetter(metric: string): boolean {
  return /(acc|accuracy|auc|f1|precision|recall|r2|top\d+)$/i.test(metric);
}

/** The best validation metric the table shows for `run`: an accuracy-like one first, else the loss, else the first recorded. */
export function leadingBest(run: RunSummary): { metric: string; value: number } | undefined {
  const entries = Object.entries(run.best);
  const pick = entries.find(([k]) => /acc/.test(k)) ?? entries.find(([k]) => k === "loss") ?? entries[0];
  return pick && { metric: pick[0], value: num(pick[1]) };
}

/** The run's final test metrics, from its stored summary (none for a range test or a run still training). */
export function testMetrics(run: RunSummary): Record<string, number> {
  return readSummary(trainSummarySchema, run.summary).metrics?.test ?? {};
}

/** The fraction of its planned epochs `run` has done, 1 once completed; none for an unfinished run whose config plans no epochs. */
export function progressFraction(run: RunSummary): number | undefined {
  if (run.status === "completed") return 1;
  const planned = plannedEpochs(run.config);
  return planned ? Math.min(run.epochCount / planned, 1) : undefined;
}
