/**
 * `recordRun(store, run, body)`: one run in the run store around the code that runs it — train,
 * find, a sweep trial, a study's runs, a queue worker's trial all record alike. The record is
 * created (status "running") before `body` starts, so the dashboard follows it live; `body` gets
 * its id (to log steps and epochs under) and returns its value with the run's end (status,
 * metrics, summary); a body that throws is recorded as failed with its message (and what
 * `failed` adds, e.g. a summary), and the error goes on. Without a store the body runs unrecorded.
 */
import type { NewRun, RunEnd, RunStore } from "../store/index.js";

export type RunRecorder = Pick<RunStore, "createRun" | "finishRun">;

export interface Recorded<T> {
  value: T;
  end: RunEnd;
}

export async function recordRun<T>(
  store: RunRecorder | undefined,
  run: NewRun,
  body: (runId: string | undefined) => Promise<Recorded<T>>,
  failed: Omit<RunEnd, "status" | "error"> = {},
): Promise<{ value: T; runId: string | undefined }> {
  const runId = store?.createRun(run);
  try {
    const { value, end } = await body(runId);
    if (runId) store!.finishRun(runId, end);
    return { value, runId };
  } catch (error) {
    if (runId) store!.finishRun(runId, { ...failed, status: "failed", error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
