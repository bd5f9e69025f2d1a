/** Linear warmup followed by cosine decay. */
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";
import { joinSchedules } from "./join.js";
import { linearSchedule } from "./linear.js";

export interface WarmupCosineOptions {
  initValue?: number;
  peakValue: number;
  warmupSteps: number;
  decaySteps: number;
  endValue?: number;
  exponent?: number;
}

/**
 * Linear warmup then cosine decay, optax's `warmup_cosine_decay_schedule`: a linear warmup from
 * I to P over W steps joined at step W to a cosine decay from P to E over the remaining D − W:
 *
 *     η(t) = I + (P − I)·t/W                                   for 0 ≤ t < W   (I for t < 0)
 *     η(t) = E + (P − E)·c^p,  c = ½·(1 + cos(π·(t − W)/(D − W)))   for W ≤ t ≤ D
 *     η(t) = E                                                 for t > D
 *
 * with I = `initValue` (default 0), P = `peakValue`, W = `warmupSteps`, D = `decaySteps` (the
 * total length, warmup included), E = `endValue` (default 0) and p = `exponent` (default 1).
 * optax writes the decay as `cosine_decay_schedule(P, D − W, alpha = E/P)`, i.e.
 * P·((1 − α)·c^p + α), the same value; the form above avoids the division, which breaks
 * (∞ − ∞) when E/P overflows. D must exceed W, since the cosine part needs a positive length
 * (optax raises as well).
 */
export function warmupCosine({ initValue = 0, peakValue, warmupSteps, decaySteps, endValue = 0, exponent = 1 }: WarmupCosineOptions): Schedule {
  if (!(decaySteps > warmupSteps)) {
    throw new ConfigError(
      `warmupCosine: decaySteps (the total length, warmup included) must exceed warmupSteps = ${warmupSteps}; got ${decaySteps}`,
      "warmupCosine",
      "decaySteps",
      decaySteps,
    );
  }
  const cosineSteps = decaySteps - warmupSteps;
  const decay: Schedule = (step) => {
    const c = 0.5 * (1 + Math.cos((Math.PI * Math.min(step, cosineSteps)) / cosineSteps));
    return endValue + (peakValue - endValue) * c ** exponent;
  };
  return joinSchedules({
    schedules: [linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps }), decay],
    boundaries: [warmupSteps],
  });
}
