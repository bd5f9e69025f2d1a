/** A value scaled by given factors at given steps. */
import type { Schedule } from "../types.js";
import { sortedBoundaries, type BoundariesAndScales } from "./piecewise.js";

export interface PiecewiseConstantOptions {
  initValue: number;
  boundariesAndScales?: BoundariesAndScales;
}

/**
 * Piecewise constant schedule, optax's `piecewise_constant_schedule`:
 *
 *     η(t) = I · ∏_{b ≤ t} s_b
 *
 * for `boundariesAndScales` = { b: s_b } and I = `initValue`: the scale s_b applies from step b
 * on (at t = b itself), multiplied in increasing order of b. Scales must be non-negative.
 * PyTorch's `MultiStepLR(milestones, gamma)` is { m: gamma for each milestone m }.
 */
export function piecewiseConstant({ initValue, boundariesAndScales = {} }: PiecewiseConstantOptions): Schedule {
  const entries = sortedBoundaries(boundariesAndScales, "piecewiseConstant");
  return (step) => {
    let value = initValue;
    for (const { boundary, scale } of entries) if (step >= boundary) value *= scale;
    return value;
  };
}
