/** Polynomial transition between two values. */
import type { Schedule } from "../types.js";

export interface PolynomialOptions {
  initValue: number;
  endValue: number;
  power: number;
  transitionSteps: number;
  transitionBegin?: number;
}

/**
 * Polynomial transition from `initValue` I to `endValue` E, optax's `polynomial_schedule`:
 *
 *     η(t) = (I − E)·(1 − τ/T)^P + E,   τ = clip(t − B, 0, T)
 *
 * with T = `transitionSteps`, B = `transitionBegin` (default 0), P = `power`; so η = I for
 * t ≤ B (negative steps included) and η = E for t ≥ B + T. As in optax, T ≤ 0 disables the
 * transition (η ≡ I) and a negative B counts as 0. PyTorch's `PolynomialLR(total_iters=T,
 * power=P)` is the case E = 0, B = 0.
 */
export function polynomialSchedule({ initValue, endValue, power, transitionSteps, transitionBegin = 0 }: PolynomialOptions): Schedule {
  if (transitionSteps <= 0) return () => initValue;
  const begin = Math.max(transitionBegin, 0);
  return (step) => {
    const tau = Math.min(Math.max(step - begin, 0), transitionSteps);
    return (initValue - endValue) * (1 - tau / transitionSteps) ** power + endValue;
  };
}
