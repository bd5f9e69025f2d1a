/**
 * A queue worker's trial writes its run as a list of `RunWrite`s — the calls `runTrial` makes on
 * its store, as data — which travel to the sweep's coordinator and are applied to its run store
 * there, so its dashboard follows the trial live. `relayStore` turns the calls into writes;
 * `applyWrite` replays one on a real store.
 *
 * Applying is idempotent (a coordinator that restarts reads the writes again): a run is created
 * once by its id, rows replace rows by step or epoch, and once a run has ended (or was marked
 * interrupted) later writes to it are dropped.
 */
import type { EpochRow, SharpnessRow, StepRow } from "../../log/index.js";
import { newId, type NewRun, type RunEnd, type RunStore } from "../../store/index.js";
import type { RecordingStore } from "../../run/index.js";

export type RunWrite =
  | { op: "create"; runId: string; run: NewRun }
  | { op: "steps"; runId: string; rows: StepRow[] }
  | { op: "epoch"; runId: string; row: EpochRow }
  | { op: "sharpness"; runId: string; rows: SharpnessRow[] }
  | { op: "finish"; runId: string; end: RunEnd };

/** A trial store that makes each call a write handed to `send` (run ids are made here, as the store makes them). */
export function relayStore(send: (write: RunWrite) => void): RecordingStore {
  return {
    createRun(run) {
      const runId = newId();
      send({ op: "create", runId, run: { ...run, id: runId } });
      return runId;
    },
    logSteps: (runId, rows) => send({ op: "steps", runId, rows: [...rows] }),
    logEpoch: (runId, row) => send({ op: "epoch", runId, row }),
    logSharpness: (runId, rows) => send({ op: "sharpness", runId, rows: [...rows] }),
    finishRun: (runId, end) => send({ op: "finish", runId, end }),
  };
}

/** Applies `write` to `store`; false when it was dropped (its run had ended, or never began here). */
export function applyWrite(store: RunStore, write: RunWrite): boolean {
  const status = store.runStatus(write.runId);
  if (write.op === "create") {
    if (status !== undefined) return false;
    store.createRun(write.run);
    return true;
  }
  if (status !== "running") return false;
  switch (write.op) {
    case "steps":
      store.logSteps(write.runId, write.rows);
      return true;
    case "epoch":
      store.logEpoch(write.runId, write.row);
      return true;
    case "sharpness":
      store.logSharpness(write.runId, write.rows);
      return true;
    case "finish":
      store.finishRun(write.runId, write.end);
      return true;
  }
}
