/**
 * Stops training when the loss diverges, by lrkit's one divergence rule (`curves/divergence.ts`,
 * which the LR range test and the diagnosis use too): at once on a non-finite loss (NaN or ±Inf);
 * after `warmupSteps`, when the smoothed loss (debiased EMA, factor β) rises above `factor` × its
 * best and by at least a quarter of the drop from the first loss to that best. The smoothing keeps
 * mini-batch noise from tripping it, and the rise condition keeps a run whose loss is already near
 * zero (where 4× is still tiny) from being called diverged. The stop reason names the step and the
 * η in force, which is what a user changes next.
 */
import { divergenceMonitor, type DivergenceMonitor } from "../../curves/index.js";
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
  const rule = { factor: options.factor ?? 4, warmupSteps: options.warmupSteps ?? 10, beta: options.beta ?? 0.98 };
  let monitor: DivergenceMonitor = divergenceMonitor(rule);
  return {
    beforeFit() {
      monitor = divergenceMonitor(rule);
    },
    afterBatch(state: TrainState) {
      const { loss, step, lr } = state;
      const found = monitor.record(loss);
      if (found?.kind === "non_finite") state.stop = { kind: "non_finite", reason: `loss became ${loss} at step ${step} with lr ${formatLr(lr)}` };
      if (found?.kind === "diverged") {
        state.stop = {
          kind: "diverged",
          reason: `diverged at step ${step} with lr ${formatLr(lr)}: smoothed loss ${found.smoothed.toPrecision(4)} > ${rule.factor} × best ${found.best.toPrecision(4)}`,
        };
      }
    },
  };
}

function formatLr(lr: number): string {
  return Number(lr.toPrecision(4)).toString();
}
