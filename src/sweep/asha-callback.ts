/**
 * The training callback through which a trial asks ASHA, after each epoch, whether to go on: it
 * reports the epoch's validation metric and stops the run when the answer is "stop". An epoch that
 * another callback already ended (divergence, early stopping) is not reported.
 */
import { ConfigError } from "../errors.js";
import type { Callback, TrainState } from "../train/index.js";
import type { Decision } from "./asha.js";

/** Asks the sweep's ASHA (in this thread or the main one) about `epoch` (epochs completed, from 1). */
export type Decide = (epoch: number, value: number) => Decision | Promise<Decision>;

export interface AshaCallback extends Callback {
  /** Whether ASHA stopped the run. */
  readonly stopped: boolean;
}

/** `reductionFactor` (η) only words the reason a stopped run gives. */
export function ashaCallback(metric: string, decide: Decide, reductionFactor: number): AshaCallback {
  let stopped = false;
  return {
    get stopped() {
      return stopped;
    },
    async afterEpoch(state: TrainState) {
      if (state.stop) return;
      const value = state.val[metric];
      if (value === undefined) {
        const known = Object.keys(state.val).join(", ") || "none";
        throw new ConfigError(`search.metric: "${metric}" is not a validation metric of this run; it has ${known}`, "search", "metric", metric);
      }
      const epoch = state.epoch + 1;
      if ((await decide(epoch, value)) === "continue") return;
      stopped = true;
      state.stop = { kind: "early_stopping", reason: `stopped by ASHA after epoch ${epoch}: validation ${metric} ${value.toPrecision(4)} is not in the top 1/${reductionFactor} of the trials at that rung` };
    },
  };
}
