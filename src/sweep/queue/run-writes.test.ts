import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openStore, type RunStore } from "../../store/index.js";
import { applyWrite, relayStore, type RunWrite } from "./run-writes.js";

let dir: string;
let store: RunStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-run-writes-"));
  store = openStore(join(dir, "runs.db"));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

it("a relayed run applied twice (a restarted coordinator reads the stream again) is one run; writes after its end are dropped", () => {
  const sweepId = store.createSweep({ config: {} });
  const writes: RunWrite[] = [];
  const relay = relayStore((w) => writes.push(w));
  const runId = relay.createRun({ kind: "sweep-trial", sweepId, trialKey: "k", config: { a: 1 } });
  relay.logSteps(runId, [{ step: 0, epoch: 0, lr: 0.1, loss: Number.NaN }]);
  relay.logEpoch(runId, { epoch: 0, step: 0, lr: 0.1, trainLoss: 1, val: { loss: 2 }, seconds: 0.5 });
  relay.finishRun(runId, { status: "completed", metrics: { val: { loss: 2 } } });
  expect(writes.map((w) => applyWrite(store, w))).toEqual([true, true, true, true]);
  expect(writes.map((w) => applyWrite(store, w))).toEqual([false, false, false, false]);
  expect(store.sweepTrials(sweepId)).toEqual([expect.objectContaining({ runId, trialKey: "k", status: "completed" })]);
  expect(store.getSteps(runId)[0]!.loss).toBeNaN();
  expect(store.getEpochs(runId)).toHaveLength(1);
  expect(applyWrite(store, { op: "steps", runId: "nosuchrun0000", rows: [] })).toBe(false);
});
