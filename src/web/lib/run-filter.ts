/**
 * The runs page's filter box, which narrows both tables: a run matches a query when every
 * whitespace-separated word of it is a case-insensitive substring of the run's name, id, kind,
 * status, or its config's optimizer or scheduler type ("adam comp" finds the completed Adam runs);
 * a sweep, when every word is in its name, id or status. An empty query matches everything.
 */
import type { RunSummary, SweepRecord } from "./api.js";

function typeOf(config: unknown, key: "optimizer" | "scheduler"): string | undefined {
  const part = config !== null && typeof config === "object" ? (config as Record<string, unknown>)[key] : undefined;
  const type = part !== null && typeof part === "object" ? (part as Record<string, unknown>).type : undefined;
  return typeof type === "string" ? type : undefined;
}

function matchesWords(fields: readonly (string | undefined)[], query: string): boolean {
  const texts = fields.filter((f) => f !== undefined).map((f) => f.toLowerCase());
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== "")
    .every((word) => texts.some((text) => text.includes(word)));
}

export function matchesFilter(run: RunSummary, query: string): boolean {
  return matchesWords([run.name, run.id, run.kind, run.status, typeOf(run.config, "optimizer"), typeOf(run.config, "scheduler")], query);
}

export function sweepMatchesFilter(sweep: SweepRecord, query: string): boolean {
  return matchesWords([sweep.name, sweep.id, sweep.status], query);
}
