/**
 * The dashboard API as the pages use it (see `src/server/api-routes.ts`): typed fetches whose step
 * columns, epoch rows and sharpness rows are parsed with the run log's schemas (`log/`), NaN and ±Infinity restored.
 */
import { epochRowSchema, stepColumnsSchema, wireNumber, type EpochRow, type SharpnessRow, type StepColumns } from "../../log/index.js";
import type { CompareResponse, RunResponse, RunsResponse, StepsResponse, SweepResponse, SweepsResponse } from "../../server/index.js";

export type { RunSummary, SweepRecord, TrialRecord, ComparisonRow } from "../../store/index.js";
export type { EpochRow, SharpnessRow, StepColumns } from "../../log/index.js";
export { appendColumns } from "../../log/index.js";

/** A number from the wire (a number, or "NaN"/"Infinity"/"-Infinity"); anything else, null and undefined as NaN. */
export function num(value: unknown): number {
  const parsed = wireNumber.safeParse(value);
  return parsed.success ? parsed.data : NaN;
}

/** Step columns as the wire carries them, parsed. */
export function stepsFrom(columns: unknown): StepColumns {
  return stepColumnsSchema.parse(columns);
}

/** Epoch rows as the wire carries them, parsed. */
export function epochsFrom(rows: unknown): EpochRow[] {
  return epochRowSchema.array().parse(rows);
}

/** Sharpness rows as the wire carries them, parsed (a missing list is none). */
export function sharpnessFrom(rows: RunResponse["sharpness"] | undefined): SharpnessRow[] {
  return (rows ?? []).map((r) => ({
    step: r.step,
    sharpness: num(r.sharpness),
    threshold: num(r.threshold),
    ...(r.preconditioned !== undefined && { preconditioned: num(r.preconditioned), preconditionedThreshold: num(r.preconditionedThreshold ?? NaN) }),
  }));
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

const id = (value: string) => encodeURIComponent(value);

export const api = {
  runs: (limit: number) => getJson<RunsResponse>(`/api/runs?limit=${limit}`),
  run: (runId: string) => getJson<RunResponse>(`/api/runs/${id(runId)}`),
  steps: async (runId: string) => stepsFrom((await getJson<StepsResponse>(`/api/runs/${id(runId)}/steps`)).steps),
  sweeps: () => getJson<SweepsResponse>("/api/sweeps"),
  sweep: (sweepId: string) => getJson<SweepResponse>(`/api/sweeps/${id(sweepId)}`),
  compare: (runIds: readonly string[]) => getJson<CompareResponse>(`/api/compare?ids=${runIds.map(id).join(",")}`),
};
