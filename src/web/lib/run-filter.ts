/**
 * The runs page's filter box: a run matches a query when every whitespace-separated word of it is
 * a case-insensitive substring of the run's name, id, kind, status, or its config's optimizer or
 * scheduler type ("adam comp" finds the completed Adam runs); an empty query matches every run.
 */
import type { RunSummary } from "./api.js";

function typeOf(config: unknown, key: "optimizer" | "scheduler"): string | undefined {
  const part = config !== null && typeof config === "object" ? (config as Record<string, unknown>)[key] : undefined;
  const type = part !== null && typeof part === "object" ? (part as Record<string, unknown>).type : undefined;
  return typeof type === "string" ? type : undefined;
}

/** The texts of `run` that the filter reads, lower-cased. */
function fieldsOf(run: RunSummary): string[] {
  return [run.name, run.id, run.kind, run.status, typeOf(run.config, "optimizer"), typeOf(run.config, "scheduler")].filter((f) => f !== undefined).map((f) => f.toLowerCase());
}

export function matchesFilter(run: RunSummary, query: string): boolean {
  const fields = fieldsOf(run);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== "")
    .every((word) => fields.some((field) => field.includes(word)));
}
