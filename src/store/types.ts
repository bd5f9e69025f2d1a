/** What the run store keeps: runs, their per-step and per-epoch logs (rows of `log/`), and sweeps. */

export const runKinds = ["train", "find", "sweep-trial"] as const;
export type RunKind = (typeof runKinds)[number];

/** A run is `running` from `createRun` until `finishRun` sets one of the final statuses. */
export const runStatuses = ["running", "completed", "failed", "stopped", "diverged"] as const;
export type RunStatus = (typeof runStatuses)[number];
export type FinalStatus = Exclude<RunStatus, "running">;

export interface NewRun {
  /** The run's id when it was made elsewhere (a queue worker's trial, `newId`); a new one by default. */
  id?: string;
  name?: string;
  kind: RunKind;
  config: unknown;
  /** The sweep this run is a trial of; required for `kind: "sweep-trial"`. */
  sweepId?: string;
  /** The trial's identity within its sweep (e.g. its hyper-parameters as canonical JSON), so a resumed sweep can skip completed trials. */
  trialKey?: string;
  tags?: string[];
  /** The optimizer steps the run takes if it runs to its end (epochs × batches; a range test's iterations): its progress and ETA. */
  plannedSteps?: number;
}

export interface RunRecord {
  id: string;
  name?: string;
  kind: RunKind;
  status: RunStatus;
  config: unknown;
  sweepId?: string;
  trialKey?: string;
  tags: string[];
  plannedSteps?: number;
  /** ISO 8601 times: creation, the last write of any kind, and `finishRun`. */
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  metrics?: Record<string, unknown>;
  error?: string;
  summary?: unknown;
}

/** A run with the size of its logs and its best validation values, as `getRun` and `listRuns` return it. */
export interface RunSummary extends RunRecord {
  stepCount: number;
  lastStep?: number;
  epochCount: number;
  /** Per validation metric, its best value over epochs (see `bestValues`). */
  best: Record<string, number>;
}


export interface RunEnd {
  status: FinalStatus;
  metrics?: Record<string, unknown>;
  error?: string;
  summary?: unknown;
}

export interface RunFilter {
  status?: RunStatus;
  kind?: RunKind;
  sweepId?: string;
  /** Newest first; all runs when omitted. */
  limit?: number;
}

export interface NewSweep {
  name?: string;
  config: unknown;
}

export const sweepStatuses = ["running", "completed", "failed", "stopped"] as const;
export type SweepStatus = (typeof sweepStatuses)[number];

export interface SweepRecord {
  id: string;
  name?: string;
  status: SweepStatus;
  config: unknown;
  createdAt: string;
  finishedAt?: string;
  summary?: unknown;
}

export interface SweepEnd {
  status: Exclude<SweepStatus, "running">;
  summary?: unknown;
}

/** One trial of a sweep: its run, key, status and final metrics. */
export interface TrialRecord {
  runId: string;
  trialKey?: string;
  status: RunStatus;
  metrics?: Record<string, unknown>;
  createdAt: string;
}

export type ExportFormat = "csv" | "json";
/** What a CSV export has one row of: a logged step, or a sharpness probe. */
export type ExportRows = "steps" | "sharpness";
