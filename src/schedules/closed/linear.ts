/** Linear transition between two values. */
import type { Schedule } from "../types.js";
import { polynomialSchedule } from "./polynomial.js";

export interface LinearOptions {
  initValue: number;
  endValue: number;
  transitionSteps: number;
  transitionBegin?: number;
}

/**
 * Linear transition from `initValue` I to `endValue` E over T = `transitionSteps` steps starting
 * at B = `transitionBegin`, optax's `linear_schedule`:
 *
 *     η(t) = I + (E − I)·τ/T,   τ = clip(t − B, 0, T)
 *
 * computed, as in optax, as the polynomial schedule with power 1, i.e. (I − E)·(1 − τ/T) + E.
 * T ≤ 0 gives the constant I; a negative B counts as 0. PyTorch's `LinearLR` is the case
 * I = start_factor·lr, E = end_factor·lr, T = total_iters, B = 0.
 */
export function linearSchedule({ initValue, endValue, transitionSteps, transitionBegin = 0 }: LinearOptions): Schedule {
  return polynomialSchedule({ initValue, endValue, power: 1, transitionSteps, transitionBegin });
}
