/**
 * Advances the learning-rate scheduler at its interval: after every batch ("step") or after every
 * epoch ("epoch"). A scheduler driven by a metric (ReduceLROnPlateau) is stepped after each epoch
 * with the monitored validation metric (or the epoch's train loss when there is no validation set).
 * Before each batch it sets the η (and cycled momentum) that step will use from `scheduler.lr`,
 * which the loop passes into the jitted step as a scalar.
 */
import type { Scheduler } from "../../schedules/index.js";
import type { Callback, TrainState } from "../callback.js";

export interface ScheduleLrOptions {
  /** Validation metric fed to a metric-driven scheduler, e.g. "loss"; its presence makes this callback step per epoch. */
  metric?: string;
}

export function scheduleLr(scheduler: Scheduler, options: ScheduleLrOptions = {}): Callback {
  const useSchedulerLr = (state: TrainState) => {
    state.lr = scheduler.lr;
    state.momentum = scheduler.momentum;
  };
  const perEpoch = options.metric !== undefined || scheduler.interval === "epoch";
  return {
    beforeBatch: useSchedulerLr,
    afterBatch() {
      if (!perEpoch) scheduler.step();
    },
    afterEpoch(state) {
      if (!perEpoch) return;
      if (options.metric === undefined) scheduler.step();
      else scheduler.step(state.val[options.metric] ?? state.trainLoss);
    },
  };
}
