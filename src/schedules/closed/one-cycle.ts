/** The one-cycle policy: warm up to a peak, then anneal far below the start. */
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";
import { piecewiseInterpolate } from "./piecewise-interpolate.js";

interface OneCycleCommon {
  transitionSteps: number;
  peakValue: number;
  pctStart?: number;
  divFactor?: number;
  finalDivFactor?: number;
}

export type OneCycleOptions = OneCycleCommon & ({ annealStrategy?: "cos" } | { annealStrategy: "linear"; pctFinal?: number });

/**
 * The one-cycle schedule (Smith & Topin, "Super-Convergence", 2017), optax's
 * `cosine_onecycle_schedule` (`annealStrategy: "cos"`, the default) and `linear_onecycle_schedule`
 * (`"linear"`). With T = `transitionSteps`, P = `peakValue`, d = `divFactor` (default 25),
 * f = `finalDivFactor` (default 1e4), s = ⌊`pctStart`·T⌋ (default 0.3) and, for linear,
 * m = ⌊`pctFinal`·T⌋ (default 0.85), it is `piecewiseInterpolate` from P/d with
 *
 *     cos:     { s: d, T: 1/(d·f) }          P/d → P (steps 0…s) → P/(d·f) (s…T), cosine-shaped
 *     linear:  { s: d, m: 1/d, T: 1/f }      P/d → P (0…s) → P/d (s…m) → P/(d·f) (m…T), straight
 *
 * and holds P/(d·f) after T (0 before step 0). Coinciding boundaries overwrite as in optax's dict.
 * PyTorch's `OneCycleLR(max_lr=P, total_steps=N, pct_start=q)` puts its peak at step q·N − 1 and
 * its end at N − 1, so it equals this schedule with T = N − 1 when ⌊pctStart·(N − 1)⌋ = q·N − 1
 * (and, for `three_phase` linear, ⌊pctFinal·(N − 1)⌋ = 2q·N − 2).
 */
export function oneCycle(options: OneCycleOptions): Schedule {
  const { transitionSteps: steps, peakValue, pctStart = 0.3, divFactor = 25, finalDivFactor = 1e4 } = options;
  if (!(Number.isInteger(steps) && steps > 0)) {
    throw new ConfigError(`oneCycle: transitionSteps must be a positive integer; got ${steps}`, "oneCycle", "transitionSteps", steps);
  }
  if (options.annealStrategy !== undefined && options.annealStrategy !== "cos" && options.annealStrategy !== "linear") {
    throw new ConfigError(
      `oneCycle: annealStrategy must be "cos" or "linear"; got ${JSON.stringify(options.annealStrategy)}`,
      "oneCycle",
      "annealStrategy",
      options.annealStrategy,
    );
  }
  const initValue = peakValue / divFactor;
  const start = Math.trunc(pctStart * steps);
  if (options.annealStrategy === "linear") {
    const final = Math.trunc((options.pctFinal ?? 0.85) * steps);
    return piecewiseInterpolate({
      interpolateType: "linear",
      initValue,
      boundariesAndScales: { [start]: divFactor, [final]: 1 / divFactor, [steps]: 1 / finalDivFactor },
    });
  }
  return piecewiseInterpolate({
    interpolateType: "cosine",
    initValue,
    boundariesAndScales: { [start]: divFactor, [steps]: 1 / (divFactor * finalDivFactor) },
  });
}
