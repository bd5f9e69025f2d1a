/**
 * Robust statistics of a logged loss curve: levels as medians (one bad batch does not move them),
 * the noise of a curve from its step-to-step differences, a least-squares trend with its t
 * statistic, and the exponential-approach model used to say how far a run got towards its floor.
 */

/** The median of the values (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The standard deviation of the noise on a curve, from how far each value sits from the midpoint
 * of its neighbours, eₜ = xₜ − (xₜ₋₁ + xₜ₊₁)/2:
 *
 *     σ̂ = 1.4826 · median |eₜ| / √1.5.
 *
 * For xₜ = trend + εₜ with independent εₜ of std σ, eₜ has mean ≈ 0 (a straight trend cancels
 * exactly, a curved one leaves half its second difference) and variance σ²(1 + ¼ + ¼) = 1.5σ²;
 * 1.4826 · median|e| estimates a Gaussian std while ignoring rare spikes. Centring on 0 rather
 * than on the median of e keeps oscillation visible: a curve bouncing between two levels ±a
 * (period 2) has |eₜ| = 2a everywhere, so σ̂ ≈ 2.4a. Fewer than 3 values: 0.
 */
export function robustNoise(values: readonly number[]): number {
  if (values.length < 3) return 0;
  const offsets = values.slice(1, -1).map((x, i) => Math.abs(x - (values[i]! + values[i + 2]!) / 2));
  return (1.4826 * median(offsets)) / Math.sqrt(1.5);
}

export interface Trend {
  /** Least-squares slope of y on x (loss per step). */
  slope: number;
  /** slope / its standard error; ±Infinity for a noiseless non-flat line, 0 for a flat one. */
  t: number;
}

/**
 * Ordinary least squares y ≈ a + b·x:  b = Sxy / Sxx,  SE(b) = √(s² / Sxx),
 * s² = Σ (yᵢ − a − b·xᵢ)² / (m − 2), and t = b / SE(b). Fewer than 3 points or a constant x:
 * slope 0, t 0. Residuals below 1e-12 of the level count as zero, so a straight line computed in
 * floating point is recognised as noiseless.
 */
export function linearTrend(x: readonly number[], y: readonly number[]): Trend {
  const m = y.length;
  if (m < 3) return { slope: 0, t: 0 };
  const meanX = x.reduce((s, v) => s + v, 0) / m;
  const meanY = y.reduce((s, v) => s + v, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (x[i]! - meanX) ** 2;
    sxy += (x[i]! - meanX) * (y[i]! - meanY);
  }
  if (sxx === 0) return { slope: 0, t: 0 };
  const slope = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < m; i++) sse += (y[i]! - meanY - slope * (x[i]! - meanX)) ** 2;
  const s2 = sse / (m - 2);
  const scale = y.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  if (s2 <= (1e-12 * scale) ** 2) return { slope, t: slope === 0 ? 0 : slope * Infinity };
  return { slope, t: slope / Math.sqrt(s2 / sxx) };
}

/** The median of each value with its neighbours (window 3, shrinking at the ends), to read peaks without single-batch spikes. */
export function runningMedian3(values: readonly number[]): number[] {
  return values.map((_, i) => median(values.slice(Math.max(0, i - 1), i + 2)));
}

/**
 * How many time constants x = T/τ a run spanned, under the exponential approach
 * L(t) = L∞ + (L₀ − L∞)·e^{−t/τ} over 0 ≤ t ≤ T, read from the bend ratio
 *
 *     ρ = (slope at the middle of the last fraction q of the run) / (mean slope over the run)
 *       = x · e^{−(1 − q/2)·x} / (1 − e^{−x}).
 *
 * ρ falls monotonically from 1 (x → 0: a straight line, nowhere near the floor) to 0 (x → ∞:
 * converged), because d ln ρ/dx = 1/x − 1/(eˣ − 1) − (1 − q/2) < 0 for q < 1. Solved by bisection;
 * ρ ≥ 1 (straight or accelerating) gives 0 and ρ ≤ 0 (flat or rising at the end) gives Infinity.
 * The run got within e^{−x} of the way to its floor: x = 3 leaves 5 %.
 */
export function timeConstantsSpanned(bendRatio: number, tailFraction: number): number {
  if (!(bendRatio > 0)) return Infinity;
  if (bendRatio >= 1) return 0;
  const rho = (x: number) => (x * Math.exp(-(1 - tailFraction / 2) * x)) / -Math.expm1(-x);
  let lo = 0;
  let hi = 1;
  while (rho(hi) > bendRatio) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (rho(mid) > bendRatio) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
