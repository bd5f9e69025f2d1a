/**
 * The run log: η, loss and global gradient norm at every step, and the train loss, validation
 * metrics and η at the end of every epoch. Columnar arrays, so a 10,000-step run costs a few
 * hundred kilobytes and charts read the columns directly.
 */
import type { Callback, Metrics, TrainState } from "../callback.js";

export interface StepLog {
  step: number[];
  epoch: number[];
  lr: number[];
  loss: number[];
  gradNorm: number[];
}

export interface EpochLog {
  epoch: number;
  step: number;
  lr: number;
  trainLoss: number;
  val: Metrics;
  seconds: number;
}

export interface History extends Callback {
  readonly steps: StepLog;
  readonly epochs: EpochLog[];
}

export function history(): History {
  const steps: StepLog = { step: [], epoch: [], lr: [], loss: [], gradNorm: [] };
  const epochs: EpochLog[] = [];
  let epochStart = 0;
  return {
    steps,
    epochs,
    beforeEpoch() {
      epochStart = performance.now();
    },
    afterBatch(state: TrainState) {
      steps.step.push(state.step);
      steps.epoch.push(state.epoch);
      steps.lr.push(state.lr);
      steps.loss.push(state.loss);
      steps.gradNorm.push(state.gradNorm);
    },
    afterEpoch(state: TrainState) {
      epochs.push({
        epoch: state.epoch,
        step: state.step,
        lr: state.lr,
        trainLoss: state.trainLoss,
        val: { ...state.val },
        seconds: (performance.now() - epochStart) / 1000,
      });
    },
  };
}
