/**
 * What the dashboard's JSON API and live stream send, shared by the server and the pages.
 *
 * Numbers that are not finite (a diverged loss) travel as the strings "NaN", "Infinity" and
 * "-Infinity", since JSON has none of them; `Number(value)` turns them back. Step logs travel as
 * columns, one array per field, which is about half the size of an array of row objects.
 */
import type { Comparison, ComparisonRow, EpochRow, RunSummary, StepRow, SweepRecord, TrialRecord } from "../store/index.js";

/** A JSON number, or "NaN", "Infinity", "-Infinity". */
export type WireNumber = number | string;

export interface StepColumns {
  step: number[];
  epoch: number[];
  lr: WireNumber[];
  loss: WireNumber[];
  /** null where a step logged no gradient norm. */
  gradNorm: (WireNumber | null)[];
}

export interface RunsResponse {
  runs: RunSummary[];
}

export interface RunResponse {
  run: RunSummary;
  epochs: EpochRow[];
}

export interface StepsResponse {
  runId: string;
  steps: StepColumns;
}

export interface SweepsResponse {
  sweeps: SweepRecord[];
}

/**
 * A sweep with its trials, each with its run and epoch log (for learning curves), and the swept
 * parameters: the config keys whose values differ between trials, one value per trial.
 */
export interface SweepResponse {
  sweep: SweepRecord;
  trials: (TrialRecord & { run: RunSummary; epochs: EpochRow[] })[];
  params: ComparisonRow[];
}

export interface CompareResponse {
  comparison: Comparison;
  runs: RunSummary[];
}

/**
 * Server-sent events on `/api/runs/:id/stream`, each `data:` one JSON object:
 * - `steps`: new step rows (`StepColumns`), after the client's `since` step;
 * - `epochs`: new epoch rows (`EpochRow[]`);
 * - `status`: the run's summary when it ends (the server then closes the stream: close the
 *   EventSource, or it reconnects).
 * Every `steps` event carries `id: <last step>`, so a reconnecting EventSource resumes after it.
 */
export type StreamEvent = "steps" | "epochs" | "status";

export interface ApiError {
  error: string;
}

export function toColumns(rows: readonly StepRow[]): StepColumns {
  const columns: StepColumns = { step: [], epoch: [], lr: [], loss: [], gradNorm: [] };
  for (const r of rows) {
    columns.step.push(r.step);
    columns.epoch.push(r.epoch);
    columns.lr.push(r.lr);
    columns.loss.push(r.loss);
    columns.gradNorm.push(r.gradNorm ?? null);
  }
  return columns;
}
