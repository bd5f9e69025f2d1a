/**
 * The dashboard API as the pages use it (see `src/server/api-routes.ts`): typed fetches, and the
 * wire's step columns turned into plain number arrays (NaN and ±Infinity restored).
 */
import type { CompareResponse, RunResponse, RunsResponse, StepColumns, StepsResponse, SweepResponse, SweepsResponse, WireNumber } from "../../server/index.js";

import type { EpochRow } from "../../store/index.js";

export type { RunSummary, EpochRow, SweepRecord, TrialRecord, ComparisonRow } from "../../store/index.js";

/** A step log as plain arrays; a step without a gradient norm has NaN there. */
export interface Steps {
  step: number[];
  lr: number[];
  loss: number[];
  gradNorm: number[];
}

/** A wire number (see `wire.ts`) as a number; null and undefined as NaN. */
export function num(value: WireNumber | null | undefined): number {
  return value === null || value === undefined ? NaN : Number(value);
}

export function stepsFrom(columns: StepColumns): Steps {
  return { step: columns.step, lr: columns.lr.map(num), loss: columns.loss.map(num), gradNorm: columns.gradNorm.map(num) };
}

/** Appends the rows of `more` that come after the last step of `into` (a reconnect may resend some). */
export function appendSteps(into: Steps, more: Steps): number {
  const last = into.step.at(-1) ?? -Infinity;
  let added = 0;
  more.step.forEach((step, i) => {
    if (step <= last) return;
    into.step.push(step);
    into.lr.push(more.lr[i]!);
    into.loss.push(more.loss[i]!);
    into.gradNorm.push(more.gradNorm[i]!);
    added++;
  });
  return added;
}

/** Epoch rows with their wire numbers (see `wire.ts`) as numbers. */
export function epochsFrom(rows: readonly EpochRow[]): EpochRow[] {
  return rows.map((r) => ({
    ...r,
    lr: num(r.lr),
    trainLoss: num(r.trainLoss),
    seconds: num(r.seconds),
    val: Object.fromEntries(Object.entries(r.val).map(([k, v]) => [k, num(v)])),
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
