/**
 * The exponential moving average that smooths noisy loss curves, debiased as Adam debiases its
 * moment estimates (Kingma & Ba 2015, §3):
 *
 *     s_0 = 0,   s_t = β·s_{t−1} + (1 − β)·x_t,   ŝ_t = s_t / (1 − β^t)   for t = 1, 2, …
 *
 * The debiasing divides out the weight the zero start still holds, so ŝ_1 = x_1 and early values
 * are not dragged towards 0. β = 0 returns the values unchanged. Values must be finite: one NaN
 * would poison every later output, so callers drop non-finite values first (the charts do).
 * β^t is kept as a running product rather than `Math.pow` so a long series costs one multiply a step.
 *
 * ŝ_t is a weighted mean of x_1 … x_t (weights (1 − β)β^{t−i} / (1 − β^t), summing to 1), so it
 * lies in [min x, max x]; rounding can step outside by an ulp, which would turn a constant loss
 * into an axis of 0.4999999999999994 … 0.5, so each ŝ_t is clamped to that range.
 */
import { ConfigError } from "../errors.js";

export function smoothEma(values: readonly number[], beta: number): number[] {
  const next = debiasedEma(beta);
  return values.map(next);
}

/** The same smoothing one value at a time: each call takes x_t and returns ŝ_t. */
export function debiasedEma(beta: number): (x: number) => number {
  if (!(beta >= 0 && beta < 1)) {
    throw new ConfigError(`smoothing: β must be in [0, 1); got ${String(beta)}`, "smoothing", "beta", beta);
  }
  let s = 0;
  let betaPower = 1;
  let min = Infinity;
  let max = -Infinity;
  return (x) => {
    s = beta * s + (1 - beta) * x;
    betaPower *= beta;
    min = Math.min(min, x);
    max = Math.max(max, x);
    return Math.min(max, Math.max(min, s / (1 - betaPower)));
  };
}
