/** Exponential decay (or growth), continuous or staircase. */
import type { Schedule } from "../types.js";

export interface ExponentialDecayOptions {
  initValue: number;
  transitionSteps: number;
  decayRate: number;
  transitionBegin?: number;
  staircase?: boolean;
  endValue?: number;
}

/**
 * Exponential decay, optax's `exponential_decay`:
 *
 *     η(t) = I                  if t − B ≤ 0
 *     η(t) = I·r^p,  p = (t − B)/T  (⌊(t − B)/T⌋ when `staircase`)   otherwise
 *
 * with I = `initValue`, r = `decayRate`, T = `transitionSteps`, B = `transitionBegin` (default 0).
 * When `endValue` E is given it bounds the result at every step (η(t) = max(η, E) when r < 1, a
 * floor; min(η, E) when r ≥ 1, a ceiling), even before B, as in optax. T ≤ 0 or r = 0 give the
 * constant I (E is then not applied), and a negative B counts as 0, as in optax. I = 0 gives 0
 * at every step before the bound, also where r^p overflows to ∞ (optax: 0·∞ = NaN).
 * PyTorch's `ExponentialLR(gamma)` is T = 1; `StepLR(step_size, gamma)` is T = step_size with
 * `staircase`.
 */
export function exponentialDecay({
  initValue,
  transitionSteps,
  decayRate,
  transitionBegin = 0,
  staircase = false,
  endValue,
}: ExponentialDecayOptions): Schedule {
  if (transitionSteps <= 0 || decayRate === 0) return () => initValue;
  const begin = Math.max(transitionBegin, 0);
  const bound = endValue === undefined ? (v: number) => v : decayRate < 1 ? (v: number) => Math.max(v, endValue) : (v: number) => Math.min(v, endValue);
  return (step) => {
    const elapsed = step - begin;
    const p = staircase ? Math.floor(elapsed / transitionSteps) : elapsed / transitionSteps;
    return bound(elapsed <= 0 || initValue === 0 ? initValue : initValue * decayRate ** p);
  };
}
