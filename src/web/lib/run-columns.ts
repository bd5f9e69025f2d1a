/**
 * What the runs table reads from a run beyond its record: the best validation metric it leads
 * with and the final test metrics.
 */
import { readSummary, trainSummarySchema } from "../../log/index.js";
import { num, type RunSummary } from "./api.js";

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
