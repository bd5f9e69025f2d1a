/**
 * Reading what a report shows from the run store: a run with its steps, epochs and sharpness probes, a sweep with
 * its trials, several runs with `compareRuns`' table, and which of run or sweep an id names.
 */
import { ConfigError } from "../../errors.js";
import { configLr, readSummary, trialSummarySchema } from "../../log/index.js";
import { closestName } from "../../spec/index.js";
import { compareRuns, higherIsBetter, StoreError, type RunStore, type RunSummary, type SweepRecord, type TrialRecord } from "../../store/index.js";
import type { ComparisonReportData, RunReportData, SweepReportData, SweepTrialData } from "../html/index.js";

export type ReportTarget = { kind: "run"; run: RunSummary } | { kind: "sweep"; sweep: SweepRecord };

/**
 * The run, else the sweep, whose id is (or starts with) `idOrPrefix`. An id that names neither is
 * a StoreError that names the closest run or sweep id and lists the newest of each.
 */
export function resolveTarget(store: RunStore, idOrPrefix: string): ReportTarget {
  try {
    return { kind: "run", run: store.getRun(idOrPrefix) };
  } catch (runError) {
    if (!(runError instanceof StoreError && runError.reason === "unknown-id")) throw runError;
    try {
      return { kind: "sweep", sweep: store.getSweep(idOrPrefix) };
    } catch (sweepError) {
      if (!(sweepError instanceof StoreError && sweepError.reason === "unknown-id")) throw sweepError;
      throw unknownTarget(store, idOrPrefix);
    }
  }
}

function unknownTarget(store: RunStore, id: string): StoreError {
  const runs = store.listRuns().map((r) => r.id);
  const sweeps = store.listSweeps().map((s) => s.id);
  const guess = closestName(id, [...runs, ...sweeps]);
  const hint = guess ? ` (did you mean "${guess}"?)` : "";
  const newest = (ids: string[], what: string) => (ids.length === 0 ? `no ${what}` : `newest ${what}: ${ids.slice(0, 5).join(", ")}`);
  return new StoreError(`no run or sweep "${id}" in run store ${store.path}${hint}; ${newest(runs, "runs")}; ${newest(sweeps, "sweeps")}`, "unknown-id", store.path);
}

export function loadRun(store: RunStore, run: RunSummary): RunReportData {
  const sharpness = store.getSharpness(run.id);
  return { run, steps: store.getSteps(run.id), epochs: store.getEpochs(run.id), ...(sharpness.length > 0 && { sharpness }) };
}

/**
 * A sweep and its trials, as `lrkit sweep` records them. Trials are ranked by the sweep config's
 * `search.metric` (default "loss"), in the direction of `search.mode` (default: by the metric's
 * name, `higherIsBetter`). A trial key run more than once (a failed trial run again on resume)
 * counts with its latest run. A trial's value is its final validation metric
 * (`metrics.val[metric]`), NaN when it has none; its η is the largest η it logged (its constant
 * η, or a schedule's peak such as OneCycleLR's max_lr), else its config's `scheduler.max_lr`,
 * `optimizer.lr` or `lr`; it was stopped early when ASHA stopped it (status "stopped", or
 * `summary.stopped_early`).
 */
export function loadSweep(store: RunStore, sweep: SweepRecord): SweepReportData {
  const metric = get(sweep.config, ["search", "metric"]);
  const mode = get(sweep.config, ["search", "mode"]);
  const name = typeof metric === "string" ? metric : "loss";
  const trials = latestPerKey(store.sweepTrials(sweep.id)).map((trial): SweepTrialData => {
    const { run, steps, epochs } = loadRun(store, store.getRun(trial.runId));
    const peak = steps.reduce((max, s) => (Number.isFinite(s.lr) ? Math.max(max, s.lr) : max), -Infinity);
    const value = get(run.metrics, ["val", name]);
    return {
      run,
      lr: peak > -Infinity ? peak : (configLr(run.config) ?? NaN),
      value: typeof value === "number" ? value : NaN,
      epochs,
      stoppedEarly: run.status === "stopped" || readSummary(trialSummarySchema, run.summary).stopped_early === true,
    };
  });
  return { sweep, metric: name, higherIsBetter: mode === "max" || (mode !== "min" && higherIsBetter(name)), trials };
}

/** The trials in order, a key run several times kept once, at its first place, with its latest run. */
function latestPerKey(trials: readonly TrialRecord[]): TrialRecord[] {
  const latest = new Map<string, TrialRecord>();
  for (const t of trials) if (t.trialKey !== undefined) latest.set(t.trialKey, t);
  const seen = new Set<string>();
  return trials.flatMap((t) => {
    if (t.trialKey === undefined) return [t];
    if (seen.has(t.trialKey)) return [];
    seen.add(t.trialKey);
    return [latest.get(t.trialKey)!];
  });
}

export function loadComparison(store: RunStore, runs: readonly RunSummary[]): ComparisonReportData {
  const data = runs.map((run) => loadRun(store, run));
  return { runs: data, comparison: compareRuns(data) };
}

/** The runs named by `ids` (each an id or prefix), once each; a sweep id among them is an error. */
export function resolveRuns(store: RunStore, ids: readonly string[]): RunSummary[] {
  const runs = ids.map((id) => {
    const target = resolveTarget(store, id);
    if (target.kind === "sweep") {
      throw new ConfigError(`report: "${id}" is a sweep; a comparison takes run ids (report the sweep alone to see its trials side by side)`, "report", "ids", id);
    }
    return target.run;
  });
  return runs.filter((run, i) => runs.findIndex((r) => r.id === run.id) === i);
}


function get(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}
