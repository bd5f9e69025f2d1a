/** Warmup, a long constant phase, then a short cooldown (WSD). */
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";
import { constantSchedule } from "./constant.js";
import { joinSchedules } from "./join.js";
import { linearSchedule } from "./linear.js";

export type DecayShape = "linear" | "cosine" | "sqrt";

export interface WarmupStableDecayOptions {
  initValue?: number;
  peakValue: number;
  warmupSteps: number;
  stableSteps: number;
  decaySteps: number;
  endValue?: number;
  decayShape?: DecayShape;
}

/** The cooldown's fraction of the way from the peak to the end value at progress u ∈ [0, 1]. */
const cooldowns: Record<DecayShape, (u: number) => number> = {
  linear: (u) => 1 - u,
  cosine: (u) => 0.5 * (1 + Math.cos(Math.PI * u)),
  sqrt: (u) => 1 - Math.sqrt(u),
};

/**
 * Warmup-stable-decay (Hägele et al., "Scaling Laws and Compute-Optimal Training Beyond Fixed
 * Training Durations", 2024): with W = `warmupSteps`, S = `stableSteps`, D = `decaySteps` (the
 * cooldown's length), I = `initValue` (default 0), P = `peakValue`, E = `endValue` (default 0),
 *
 *     η(t) = I + (P − I)·t/W                  for 0 ≤ t < W   (I for t < 0)
 *     η(t) = P                                for W ≤ t < W + S
 *     η(t) = E + (P − E)·g((t − W − S)/D)     for W + S ≤ t < W + S + D
 *     η(t) = E                                for t ≥ W + S + D
 *
 * where g(u) = 1 − u (`"linear"`, the default), ½(1 + cos πu) (`"cosine"`) or 1 − √u (`"sqrt"`,
 * the paper's "1 − sqrt" cooldown). Built as the join of a linear warmup, a constant and the
 * cooldown at W and W + S. With D = 0 the value drops straight to E at W + S.
 */
export function warmupStableDecay({
  initValue = 0,
  peakValue,
  warmupSteps,
  stableSteps,
  decaySteps,
  endValue = 0,
  decayShape = "linear",
}: WarmupStableDecayOptions): Schedule {
  const g = cooldowns[decayShape];
  if (!Object.hasOwn(cooldowns, decayShape)) {
    throw new ConfigError(
      `warmupStableDecay: decayShape must be "linear", "cosine" or "sqrt"; got ${JSON.stringify(decayShape)}`,
      "warmupStableDecay",
      "decayShape",
      decayShape,
    );
  }
  const cooldown: Schedule = (step) => (step >= decaySteps ? endValue : endValue + (peakValue - endValue) * g(step / decaySteps));
  return joinSchedules({
    schedules: [linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps }), constantSchedule({ value: peakValue }), cooldown],
    boundaries: [warmupSteps, warmupSteps + stableSteps],
  });
}
