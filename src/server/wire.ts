/**
 * What the dashboard's JSON API and live stream send, shared by the server and the pages.
 *
 * Rows, step columns and summaries are those of the run log contract (`log/`): numbers that are
 * not finite (a diverged loss) travel as the strings "NaN", "Infinity" and "-Infinity", since JSON
 * has none of them, and the pages parse what they receive with the same schemas.
 */
import type { EpochRow, SharpnessRow, StepColumns } from "../log/index.js";
import type { Comparison, ComparisonRow, RunSummary, SweepRecord, TrialRecord } from "../store/index.js";

export interface RunsResponse {
  runs: RunSummary[];
}

/** A run with its epoch log and its sharpness probes (none when it made none). */
export interface RunResponse {
  run: RunSummary;
  epochs: EpochRow[];
  sharpness: SharpnessRow[];
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
 * - `steps`: new step rows as `StepColumns`, after the client's `since` step;
 * - `epochs`: new epoch rows (`EpochRow[]`);
 * - `status`: the run's summary when it ends (the server then closes the stream: close the
 *   EventSource, or it reconnects).
 * Every `steps` event carries `id: <last step>`, so a reconnecting EventSource resumes after it.
 */
export type StreamEvent = "steps" | "epochs" | "status";

export interface ApiError {
  error: string;
}
