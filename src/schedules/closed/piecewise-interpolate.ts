/** Interpolation between values scaled at given steps. */
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";
import { sortedBoundaries, type BoundariesAndScales } from "./piecewise.js";

export type InterpolateType = "linear" | "cosine";

export interface PiecewiseInterpolateOptions {
  interpolateType: InterpolateType;
  initValue: number;
  boundariesAndScales?: BoundariesAndScales;
}

/**
 * Piecewise interpolated schedule, optax's `piecewise_interpolate_schedule`. With the sorted
 * boundaries b_1 < … < b_n of `boundariesAndScales`, b_0 = 0, and the accumulated values
 * v_0 = I, v_i = v_{i−1}·s_i:
 *
 *     η(t) = f(v_{i−1}, v_i, (t − b_{i−1}) / max(b_i − b_{i−1}, 1))   if b_{i−1} ≤ t < b_i
 *     η(t) = v_n                                                       if t ≥ b_n
 *     η(t) = 0                                                         if t < 0 (no interval holds it, as in optax)
 *
 * where f(a, b, p) = a + (b − a)·p for `"linear"` and b + (a − b)/2·(1 + cos πp) for `"cosine"`.
 * The interpolation runs between the accumulated values, not between the scales.
 */
export function piecewiseInterpolate({ interpolateType, initValue, boundariesAndScales = {} }: PiecewiseInterpolateOptions): Schedule {
  const interpolate = interpolators[interpolateType];
  if (!Object.hasOwn(interpolators, interpolateType)) {
    throw new ConfigError(
      `piecewiseInterpolate: interpolateType must be "linear" or "cosine"; got ${JSON.stringify(interpolateType)}`,
      "piecewiseInterpolate",
      "interpolateType",
      interpolateType,
    );
  }
  const bounds = [0];
  const values = [initValue];
  for (const { boundary, scale } of sortedBoundaries(boundariesAndScales, "piecewiseInterpolate")) {
    bounds.push(boundary);
    values.push(values[values.length - 1]! * scale);
  }
  const last = bounds.length - 1;
  return (step) => {
    for (let i = 1; i <= last; i++) {
      const start = bounds[i - 1]!;
      const end = bounds[i]!;
      if (start <= step && step < end) return interpolate(values[i - 1]!, values[i]!, (step - start) / Math.max(end - start, 1));
    }
    return step >= bounds[last]! ? values[last]! : 0;
  };
}

const interpolators: Record<InterpolateType, (from: number, to: number, pct: number) => number> = {
  linear: (from, to, pct) => (to - from) * pct + from,
  cosine: (from, to, pct) => to + ((from - to) / 2) * (Math.cos(Math.PI * pct) + 1),
};
