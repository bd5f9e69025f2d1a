/**
 * Sends the run's curves to a run log (`log/`: the SQLite run store, a run's files, memory):
 * every step's η, loss, gradient norm and wall time since training began (to the microsecond) in
 * batches — one transaction each, so the training step is not slowed — of `every` rows or of what
 * `everySeconds` gathered, whichever comes first (so a live dashboard moves at least once a
 * second, however slow the steps); every epoch's row; and on a resumed run, first the rows of its
 * earlier part, whose last wall time the new steps go on from.
 */
import type { RunLog, StepRow } from "../../log/index.js";
import type { Callback, TrainState } from "../callback.js";

export function runLogger(log: RunLog, runId: string, options: { every?: number; everySeconds?: number } = {}): Callback {
  const every = options.every ?? 100;
  const everyMs = 1000 * (options.everySeconds ?? 1);
  let pending: StepRow[] = [];
  let epochStart = 0;
  let fitStart = performance.now();
  let flushedAt = fitStart;
  let earlierSeconds = 0;
  const flush = () => {
    flushedAt = performance.now();
    if (pending.length === 0) return;
    log.logSteps(runId, pending);
    pending = [];
  };
  return {
    replay(steps, epochs) {
      earlierSeconds = steps.at(-1)?.elapsed ?? 0;
      if (steps.length > 0) log.logSteps(runId, [...steps]);
      for (const row of epochs) log.logEpoch(runId, row);
    },
    beforeFit() {
      fitStart = performance.now();
      flushedAt = fitStart;
    },
    beforeEpoch() {
      epochStart = performance.now();
    },
    afterBatch(state: TrainState) {
      const now = performance.now();
      const elapsed = Math.round(1e6 * earlierSeconds + 1e3 * (now - fitStart)) / 1e6;
      pending.push({ step: state.step, epoch: state.epoch, lr: state.lr, loss: state.loss, gradNorm: state.gradNorm, elapsed });
      if (pending.length >= every || now - flushedAt >= everyMs) flush();
    },
    afterEpoch(state: TrainState) {
      flush();
      log.logEpoch(runId, {
        epoch: state.epoch,
        step: state.step,
        lr: state.lr,
        trainLoss: state.trainLoss,
        val: state.val,
        seconds: (performance.now() - epochStart) / 1000,
      });
    },
    afterFit: flush,
  };
}
