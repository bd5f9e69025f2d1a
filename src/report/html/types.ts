/** What the reports are built from: the run store's records, read by `src/report/node` (or a server). */
import type { EpochRow, SharpnessRow, StepRow } from "../../log/index.js";
import type { Comparison, RunSummary, SweepRecord } from "../../store/index.js";

/** One run with its logs: a train run (or sweep trial) with steps and epochs, or an LR range test. */
export interface RunReportData {
  run: RunSummary;
  steps: readonly StepRow[];
  epochs: readonly EpochRow[];
  /** λ_max beside its stability threshold at each probed step, for a run that probed it. */
  sharpness?: readonly SharpnessRow[];
}

/** A sweep's trial: its run, its η, its final value of the sweep's metric, its per-epoch log, and whether it was stopped before its budget ran out. */
export interface SweepTrialData {
  run: RunSummary;
  lr: number;
  value: number;
  epochs: readonly EpochRow[];
  stoppedEarly: boolean;
}

export interface SweepReportData {
  sweep: SweepRecord;
  /** The validation metric trials are ranked by, e.g. "loss" or "accuracy". */
  metric: string;
  higherIsBetter: boolean;
  trials: readonly SweepTrialData[];
}

/** Several runs side by side, with `compareRuns`' table of their differing config keys and results. */
export interface ComparisonReportData {
  runs: readonly RunReportData[];
  comparison: Comparison;
}
