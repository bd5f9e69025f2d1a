/**
 * Early stopping on a validation metric (Keras `EarlyStopping`): after each epoch, the monitored
 * metric improves when it beats the best by more than `minDelta` (lower for mode "min", higher for
 * "max"); after `patience` epochs without improvement training stops, and with `restoreBest` the
 * parameters and buffers of the best epoch are put back.
 */
import { jax } from "../../engine/index.js";
import type { Params } from "../../engine/index.js";
import type { Callback, TrainState } from "../callback.js";

export interface EarlyStoppingOptions {
  monitor?: string;
  mode?: "min" | "max";
  patience?: number;
  minDelta?: number;
  restoreBest?: boolean;
}

export interface EarlyStopping extends Callback {
  readonly bestEpoch: number;
  readonly best: number;
}

export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStopping {
  const monitor = options.monitor ?? "loss";
  const mode = options.mode ?? "min";
  const patience = options.patience ?? 3;
  const minDelta = options.minDelta ?? 0;
  const restoreBest = options.restoreBest ?? true;
  let best = mode === "min" ? Infinity : -Infinity;
  let bestEpoch = -1;
  let waited = 0;
  let kept: { params: Params; buffers: Params } | undefined;

  const release = () => {
    if (kept) jax.tree.dispose(kept);
    kept = undefined;
  };

  return {
    get best() {
      return best;
    },
    get bestEpoch() {
      return bestEpoch;
    },
    beforeFit() {
      best = mode === "min" ? Infinity : -Infinity;
      bestEpoch = -1;
      waited = 0;
      release();
    },
    afterEpoch(state: TrainState) {
      const value = state.val[monitor];
      if (value === undefined) {
        throw new Error(`early stopping monitors "${monitor}", but the validation metrics are: ${Object.keys(state.val).join(", ") || "none (no validation set)"}`);
      }
      const improved = mode === "min" ? value < best - minDelta : value > best + minDelta;
      if (improved) {
        best = value;
        bestEpoch = state.epoch;
        waited = 0;
        if (restoreBest) {
          release();
          kept = { params: jax.tree.ref(state.params), buffers: jax.tree.ref(state.buffers) };
        }
        return;
      }
      waited++;
      if (waited >= patience) {
        state.stop = {
          kind: "early_stopping",
          reason: `val ${monitor} did not improve for ${patience} epochs (best ${best.toPrecision(5)} after epoch ${bestEpoch + 1})`,
        };
      }
    },
    afterFit(state: TrainState) {
      if (restoreBest && kept && state.stop?.kind === "early_stopping") {
        jax.tree.dispose({ params: state.params, buffers: state.buffers });
        state.params = kept.params;
        state.buffers = kept.buffers;
        kept = undefined;
      }
      release();
    },
  };
}
