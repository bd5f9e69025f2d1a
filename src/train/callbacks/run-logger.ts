/**
 * Sends the run's curves to a run log (`log/`: the SQLite run store, a run's files, memory):
 * every step's η, loss and gradient norm in batches of `every` rows (one transaction each, so the
 * training step is not slowed), and every epoch's row; on a resumed run, first the rows of its
 * earlier part.
 */
import type { RunLog, StepRow } from "../../log/index.js";
import type { Callback, TrainState } from "../callback.js";

export function runLogger(log: RunLog, runId: string, options: { every?: number } = {}): Callback {
  const every = options.every ?? 100;
  let pending: StepRow[] = [];
  let epochStart = 0;
  const flush = () => {
    if (pending.length === 0) return;
    log.logSteps(runId, pending);
    pending = [];
  };
  return {
    replay(steps, epochs) {
      if (steps.length > 0) log.logSteps(runId, [...steps]);
      for (const row of epochs) log.logEpoch(runId, row);
    },
    beforeEpoch() {
      epochStart = performance.now();
    },
    afterBatch(state: TrainState) {
      pending.push({ step: state.step, epoch: state.epoch, lr: state.lr, loss: state.loss, gradNorm: state.gradNorm });
      if (pending.length >= every) flush();
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
