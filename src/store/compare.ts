/**
 * Runs side by side: the config keys on which they differ and their results.
 *
 * Configs are flattened to dotted keys (`optimizer.lr`, `scheduler.type`; arrays stay whole
 * values) and only keys whose values are not all equal are kept, so the table shows what was
 * changed between runs. Results are always all listed: status, epochs, steps logged, wall time, the
 * final epoch's η, train loss and validation metrics, the best validation values, and the metrics
 * given to `finishRun`. A value a run does not have is `undefined`.
 */
import type { EpochRow } from "../log/index.js";
import type { RunSummary } from "./types.js";

export interface ComparisonRow {
  key: string;
  values: unknown[];
}

export interface Comparison {
  runs: string[];
  config: ComparisonRow[];
  results: ComparisonRow[];
}

export function compareRuns(runs: readonly { run: RunSummary; epochs: readonly EpochRow[] }[]): Comparison {
  const configs = runs.map(({ run }) => flatten(run.config));
  const results = runs.map(({ run, epochs }) => resultsOf(run, epochs));
  const differing = rows(configs).filter((row) => new Set(row.values.map((v) => JSON.stringify(v))).size > 1);
  return { runs: runs.map(({ run }) => run.id), config: differing, results: rows(results) };
}

/**
 * `value` as dotted key (after `prefix`) → leaf value. Leaves are everything but non-empty plain
 * objects; a leaf at the top without a prefix is named "(value)".
 */
export function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, key: string): void => {
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, key === "" ? k : `${key}.${k}`);
    } else {
      out.set(key === "" ? "(value)" : key, v);
    }
  };
  walk(value, prefix);
  return out;
}

function resultsOf(run: RunSummary, epochs: readonly EpochRow[]): Map<string, unknown> {
  const out = new Map<string, unknown>([
    ["status", run.status],
    ["epochs", run.epochCount],
    ["steps", run.stepCount],
  ]);
  if (run.finishedAt !== undefined) out.set("seconds", (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000);
  const last = epochs.at(-1);
  if (last) {
    out.set("final.lr", last.lr);
    out.set("final.train_loss", last.trainLoss);
    for (const [k, v] of Object.entries(last.val)) out.set(`final.val.${k}`, v);
  }
  for (const [k, v] of Object.entries(run.best)) out.set(`best.val.${k}`, v);
  if (run.metrics !== undefined) for (const [k, v] of flatten(run.metrics, "metrics")) out.set(k, v);
  if (run.error !== undefined) out.set("error", run.error);
  return out;
}

/** One row per key seen in any map, in first-seen order, with each map's value. */
function rows(maps: readonly Map<string, unknown>[]): ComparisonRow[] {
  const keys = [...new Set(maps.flatMap((m) => [...m.keys()]))];
  return keys.map((key) => ({ key, values: maps.map((m) => m.get(key)) }));
}
