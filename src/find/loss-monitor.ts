/**
 * Reads the range test's loss after every step as fastai's `LRFinder` does: the curve is the
 * debiased EMA of the loss (`smoothEma`, β = 0.98 by default), and the test stops when lrkit's one
 * divergence rule (`curves/divergence.ts`, the trainer's guard and the diagnosis use it too) says
 * the curve diverged: ŝ_t above `threshold` × its best so far (fastai's `stop_div`, threshold 4)
 * and risen by a quarter of the drop to that best, or a loss that is not finite (fastai would
 * carry a NaN on to the end of the sweep).
 *
 * `smoothEma` is a pure function of the whole series, and its t-th value depends only on the first
 * t losses, so each step re-smooths the series so far (O(n) a step, trivial next to a training
 * step) and the curve returned is exactly the one the stop rule saw.
 */
import { divergenceMonitor, smoothEma } from "../curves/index.js";

export interface RangeTestStop {
  kind: "diverged" | "non_finite";
  reason: string;
  /** The step (0-based) whose loss stopped the test; it is the last point of the curve. */
  step: number;
}

export interface LossMonitor {
  readonly lrs: readonly number[];
  readonly raw: readonly number[];
  readonly smoothed: readonly number[];
  /** Records a step's η and loss; returns why the test must stop, if it must. */
  record(lr: number, loss: number): RangeTestStop | undefined;
}

export function lossMonitor(beta: number, threshold: number): LossMonitor {
  const lrs: number[] = [];
  const raw: number[] = [];
  let smoothed: number[] = [];
  const divergence = divergenceMonitor({ factor: threshold, beta });
  return {
    lrs,
    raw,
    get smoothed() {
      return smoothed;
    },
    record(lr, loss) {
      const step = raw.length;
      lrs.push(lr);
      raw.push(loss);
      const found = divergence.record(loss);
      if (found?.kind === "non_finite") {
        smoothed = [...smoothed, NaN];
        return { kind: "non_finite", reason: `the loss became ${loss} at step ${step} (η ${Number(lr.toPrecision(3))})`, step };
      }
      smoothed = smoothEma(raw, beta);
      if (found?.kind === "diverged") {
        return {
          kind: "diverged",
          reason: `the smoothed loss ${found.smoothed.toPrecision(4)} passed ${threshold} × its best ${found.best.toPrecision(4)} at step ${step} (η ${Number(lr.toPrecision(3))})`,
          step,
        };
      }
      return undefined;
    },
  };
}
