/**
 * Stops training when the loss diverges: a non-finite loss (NaN or ±Inf), or a loss above
 * `factor` × the best loss seen so far (after `warmupSteps` steps, so the first noisy steps are not
 * judged). The stop reason names the step and the η in force, which is what a user changes next.
 */
import type { Callback, TrainState } from "../callback.js";

export interface DivergenceGuardOptions {
  /** Stop when loss > factor × best loss. Default 4 (as the LR range test uses). */
  factor?: number;
  /** Steps before the factor rule applies. Non-finite losses stop at once. Default 10. */
  warmupSteps?: number;
}

export function divergenceGuard(options: DivergenceGuardOptions = {}): Callback {
  const factor = options.factor ?? 4;
  const warmupSteps = options.warmupSteps ?? 10;
  let best = Infinity;
  return {
    beforeFit() {
      best = Infinity;
    },
    afterBatch(state: TrainState) {
      const { loss, step, lr } = state;
      if (!Number.isFinite(loss)) {
        state.stop = { kind: "non_finite", reason: `loss became ${loss} at step ${step} with lr ${formatLr(lr)}` };
        return;
      }
      if (step > warmupSteps && loss > factor * best) {
        state.stop = {
          kind: "diverged",
          reason: `diverged at step ${step} with lr ${formatLr(lr)}: loss ${loss.toPrecision(4)} > ${factor} × best ${best.toPrecision(4)}`,
        };
        return;
      }
      best = Math.min(best, loss);
    },
  };
}

function formatLr(lr: number): string {
  return Number(lr.toPrecision(4)).toString();
}
