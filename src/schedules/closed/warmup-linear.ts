/** Linear warmup followed by linear decay. */
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";
import { joinSchedules } from "./join.js";
import { linearSchedule } from "./linear.js";

export interface WarmupLinearOptions {
  initValue?: number;
  peakValue: number;
  warmupSteps: number;
  decaySteps: number;
  endValue?: number;
}

/**
 * Linear warmup then linear decay: the join at step W of `linearSchedule(I → P over W)` and
 * `linearSchedule(P → E over D − W)`, i.e.
 *
 *     η(t) = I + (P − I)·t/W                 for 0 ≤ t < W   (I for t < 0)
 *     η(t) = P + (E − P)·(t − W)/(D − W)     for W ≤ t ≤ D
 *     η(t) = E                               for t > D
 *
 * with I = `initValue` (default 0), P = `peakValue`, W = `warmupSteps`, D = `decaySteps` (the
 * total length, warmup included, as in `warmupCosine`), E = `endValue` (default 0). With I = E = 0
 * this is Hugging Face's `get_linear_schedule_with_warmup` (BERT's schedule). D must exceed W.
 */
export function warmupLinear({ initValue = 0, peakValue, warmupSteps, decaySteps, endValue = 0 }: WarmupLinearOptions): Schedule {
  if (!(decaySteps > warmupSteps)) {
    throw new ConfigError(
      `warmupLinear: decaySteps (the total length, warmup included) must exceed warmupSteps = ${warmupSteps}; got ${decaySteps}`,
      "warmupLinear",
      "decaySteps",
      decaySteps,
    );
  }
  return joinSchedules({
    schedules: [
      linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps }),
      linearSchedule({ initValue: peakValue, endValue, transitionSteps: decaySteps - warmupSteps }),
    ],
    boundaries: [warmupSteps],
  });
}
