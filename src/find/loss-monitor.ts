/**
 * Reads the range test's loss after every step as fastai's `LRFinder` does: the curve is the
 * debiased EMA of the loss (`smoothEma`, β = 0.98 by default: ŝ_t = s_t / (1 − β^t),
 * s_t = β·s_{t−1} + (1 − β)·ℓ_t), and the test stops
 *
 * - when ŝ_t > threshold × min_{u ≤ t} ŝ_u (fastai's `stop_div`, threshold 4), or
 * - when ℓ_t is not finite (fastai would carry a NaN on to the end of the sweep).
 *
 * `smoothEma` is a pure function of the whole series, and its t-th value depends only on the first
 * t losses, so each step re-smooths the series so far (O(n) a step, trivial next to a training
 * step) and the curve returned is exactly the one the stop rule saw. The losses are assumed to be
 * ≥ 0, as every loss lrkit trains with is.
 */
import { smoothEma } from "../report/index.js";

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
  let best = Infinity;
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
      if (!Number.isFinite(loss)) {
        smoothed = [...smoothed, NaN];
        return { kind: "non_finite", reason: `the loss became ${loss} at step ${step} (η ${Number(lr.toPrecision(3))})`, step };
      }
      smoothed = smoothEma(raw, beta);
      const current = smoothed[step]!;
      best = Math.min(best, current);
      if (current > threshold * best) {
        return {
          kind: "diverged",
          reason: `the smoothed loss ${current.toPrecision(4)} passed ${threshold} × its best ${best.toPrecision(4)} at step ${step} (η ${Number(lr.toPrecision(3))})`,
          step,
        };
      }
      return undefined;
    },
  };
}
