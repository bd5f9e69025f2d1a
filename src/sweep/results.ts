/**
 * A sweep's results, read back from the run store (so trials finished before a resume count the
 * same as new ones): each trial's latest run, ranked on its final validation metric, as a table or
 * as JSON.
 *
 * Ranking: `rankTrials` (`log/`) — finished trials with a finite final value, best first (by
 * `mode`); then trials ASHA stopped, most epochs first; then those without a finite value (a
 * diverged loss, a missing metric); failed trials last; ties keep the search's trial order.
 */
import { rankTrials, readSummary, trialSummarySchema } from "../log/index.js";
import type { RunStore, RunSummary } from "../store/index.js";
import type { Overrides } from "./overrides.js";
import type { TrialStatus } from "./run-trial.js";
import type { Trial } from "./sweep-config.js";

export interface TrialResult {
  rank: number;
  key: string;
  overrides: Overrides;
  runId?: string;
  status: TrialStatus;
  /** Final validation and test metrics (after the last epoch run). */
  metrics?: { val: Record<string, number>; test: Record<string, number> };
  /** The final validation value of the sweep's metric. */
  value?: number;
  epochs: number;
  steps: number;
  seconds: number;
  stoppedEarly: boolean;
  error?: string;
}

export interface SweepResult {
  sweepId: string;
  metric: string;
  mode: "min" | "max";
  /** Whether an unfinished sweep was continued. */
  resumed: boolean;
  trials: TrialResult[];
  best?: TrialResult;
}


/** The latest run of each planned trial, ranked. */
export function collectResults(store: RunStore, sweepId: string, trials: readonly Trial[], metric: string, mode: "min" | "max"): TrialResult[] {
  const latest = new Map<string, string>();
  for (const t of store.sweepTrials(sweepId)) if (t.trialKey !== undefined) latest.set(t.trialKey, t.runId);
  const results = trials.map((trial) => {
    const runId = latest.get(trial.key);
    return fromRun(trial, runId === undefined ? undefined : store.getRun(runId), metric);
  });
  return rankResults(results, mode);
}

function fromRun(trial: Trial, run: RunSummary | undefined, metric: string): TrialResult {
  if (!run) return { rank: 0, key: trial.key, overrides: trial.overrides, status: "failed", epochs: 0, steps: 0, seconds: 0, stoppedEarly: false, error: "not run" };
  const summary = readSummary(trialSummarySchema, run.summary);
  const metrics = run.metrics as TrialResult["metrics"] | undefined;
  const value = metrics?.val?.[metric];
  const status = run.status === "running" ? "failed" : run.status;
  const elapsed = run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000 : 0;
  return {
    rank: 0,
    key: trial.key,
    overrides: trial.overrides,
    runId: run.id,
    status,
    ...(metrics ? { metrics } : {}),
    ...(value === undefined ? {} : { value }),
    epochs: summary.epochs ?? run.epochCount,
    steps: summary.steps ?? (run.lastStep === undefined ? 0 : run.lastStep + 1),
    seconds: summary.wall_seconds ?? elapsed,
    stoppedEarly: summary.stopped_early ?? false,
    ...(status === "failed" && run.error !== undefined ? { error: run.error } : {}),
  };
}

/** The results ranked by the one rule (`rankTrials`: finished trials above those ASHA stopped), numbered from 1. */
function rankResults(results: readonly TrialResult[], mode: "min" | "max"): TrialResult[] {
  return rankTrials(results, (r) => ({ failed: r.status === "failed", value: r.value, stoppedEarly: r.stoppedEarly, epochs: r.epochs }), mode).map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The best trial: the first ranked one with a finite value. */
export function bestTrial(ranked: readonly TrialResult[]): TrialResult | undefined {
  const first = ranked[0];
  return first && first.status !== "failed" && first.value !== undefined && Number.isFinite(first.value) ? first : undefined;
}

/** The `--json` form: snake_case keys, as `lrkit train --json`. */
export function sweepJson(result: SweepResult) {
  const trial = (t: TrialResult) => ({
    rank: t.rank,
    key: t.key,
    overrides: t.overrides,
    run_id: t.runId ?? null,
    status: t.status,
    metrics: t.metrics ?? null,
    value: t.value ?? null,
    epochs: t.epochs,
    steps: t.steps,
    seconds: t.seconds,
    stopped_early: t.stoppedEarly,
    ...(t.error === undefined ? {} : { error: t.error }),
  });
  return {
    sweep_id: result.sweepId,
    metric: result.metric,
    mode: result.mode,
    resumed: result.resumed,
    trials: result.trials.map(trial),
    best: result.best ? trial(result.best) : null,
  };
}

/** The ranked table: rank, the swept values, the final validation metric, epochs, early stop, time, status, run. */
export function sweepTable(result: SweepResult): string {
  const paths = [...new Set(result.trials.flatMap((t) => Object.keys(t.overrides)))];
  const header = ["#", ...paths, `val ${result.metric}`, "epochs", "stopped early", "time", "status", "run"];
  const rows = result.trials.map((t) => [
    String(t.rank),
    ...paths.map((p) => showValue(t.overrides[p])),
    t.value === undefined ? "-" : showNumber(t.value),
    String(t.epochs),
    t.stoppedEarly ? `yes, after ${t.epochs}` : "no",
    `${t.seconds.toFixed(1)} s`,
    t.status,
    t.runId ?? "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const lines = [
    `sweep ${result.sweepId}${result.resumed ? " (resumed)" : ""}: ${result.trials.length} trials ranked on validation ${result.metric} (${result.mode})`,
    line(header),
    ...rows.map(line),
  ];
  if (result.trials.some((t) => t.stoppedEarly)) lines.push("  trials stopped early rank below the finished ones: their value is from fewer epochs");
  const failed = result.trials.filter((t) => t.status === "failed");
  for (const t of failed) lines.push(`  failed ${t.key}: ${t.error ?? "unknown error"}`);
  lines.push(result.best ? `best: ${Object.entries(result.best.overrides).map(([p, v]) => `${p}=${showValue(v)}`).join(" ")} (run ${result.best.runId})` : "best: none (no trial finished with a finite metric)");
  return `${lines.join("\n")}\n`;
}

function showNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/** A swept value in a table cell: numbers to 4 significant digits, specs as `OneCycleLR max_lr=0.1` or `mlp hidden=[16]`. */
function showValue(value: unknown): string {
  if (value === undefined) return "-";
  if (typeof value === "number") return showNumber(value);
  if (typeof value === "string") return value;
  const named = value !== null && typeof value === "object" && !Array.isArray(value) ? ["type", "preset"].find((k) => k in value) : undefined;
  if (named) {
    const { [named]: name, ...args } = value as Record<string, unknown>;
    return [String(name), ...Object.entries(args).map(([k, v]) => `${k}=${typeof v === "number" ? showNumber(v) : JSON.stringify(v)}`)].join(" ");
  }
  return JSON.stringify(value);
}
