/**
 * Stops training when the loss diverges: at once on a non-finite loss (NaN or ±Inf); otherwise
 * when the smoothed loss s_t (debiased EMA, s_t = β·s_{t−1} + (1−β)·ℓ_t, reported as
 * s_t / (1 − β^t)) rises above `factor` × its best value *and* above the first step's loss.
 * The smoothing keeps mini-batch noise from tripping it, and the second condition keeps a run
 * whose loss is already near zero (where 4× is still tiny) from being called diverged. The stop
 * reason names the step and the η in force, which is what a user changes next.
 */
import type { Callback, TrainState } from "../callback.js";

export interface DivergenceGuardOptions {
  /** Stop when the smoothed loss exceeds factor × its best. Default 4 (as the LR range test). */
  factor?: number;
  /** Steps before the factor rule applies (non-finite losses stop at once). Default 10. */
  warmupSteps?: number;
  /** EMA coefficient of the smoothed loss. Default 0.98 (as the LR range test). */
  beta?: number;
}

export function divergenceGuard(options: DivergenceGuardOptions = {}): Callback {
  const factor = options.factor ?? 4;
  const warmupSteps = options.warmupSteps ?? 10;
  const beta = options.beta ?? 0.98;
  let average = 0;
  let seen = 0;
  let best = Infinity;
  let first = NaN;
  return {
    beforeFit() {
      average = 0;
      seen = 0;
      best = Infinity;
      first = NaN;
    },
    afterBatch(state: TrainState) {
      const { loss, step, lr } = state;
      if (!Number.isFinite(loss)) {
        state.stop = { kind: "non_finite", reason: `loss became ${loss} at step ${step} with lr ${formatLr(lr)}` };
        return;
      }
      if (seen === 0) first = loss;
      seen++;
      average = beta * average + (1 - beta) * loss;
      const smoothed = average / (1 - beta ** seen);
      if (seen > warmupSteps && smoothed > factor * best && smoothed > first) {
        state.stop = {
          kind: "diverged",
          reason: `diverged at step ${step} with lr ${formatLr(lr)}: smoothed loss ${smoothed.toPrecision(4)} > ${factor} × best ${best.toPrecision(4)}`,
        };
        return;
      }
      best = Math.min(best, smoothed);
    },
  };
}

function formatLr(lr: number): string {
  return Number(lr.toPrecision(4)).toString();
}
