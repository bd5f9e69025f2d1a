/**
 * Following a running run: an EventSource on `/api/runs/:id/stream` (events in `wire.ts`). The
 * browser reconnects by itself after a network error, resuming after the last step it received;
 * the `status` event (the run ended) closes it for good.
 */
import { epochsFrom, stepsFrom, type EpochRow, type RunSummary, type StepColumns } from "./api.js";

export interface LiveHandlers {
  steps(steps: StepColumns): void;
  epochs(rows: EpochRow[]): void;
  ended(run: RunSummary): void;
}

/** Starts following the run from after step `since`; returns the function that stops. */
export function followRun(runId: string, since: number, handlers: LiveHandlers): () => void {
  const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/stream?since=${since}`);
  source.addEventListener("steps", (e) => handlers.steps(stepsFrom(JSON.parse((e as MessageEvent<string>).data))));
  source.addEventListener("epochs", (e) => handlers.epochs(epochsFrom(JSON.parse((e as MessageEvent<string>).data))));
  source.addEventListener("status", (e) => {
    source.close();
    handlers.ended(JSON.parse((e as MessageEvent<string>).data) as RunSummary);
  });
  return () => source.close();
}
