/** The Transformer's schedule: linear warmup, then decay with the inverse square root of the step. */
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";

export type InverseSqrtOptions = { warmupSteps: number } & ({ peakValue: number; dModel?: undefined } | { dModel: number; peakValue?: undefined });

/**
 * The schedule of Vaswani et al., "Attention Is All You Need", 2017, eq. (3), with W = `warmupSteps`:
 *
 *     η(t) = d_model^−0.5 · min(t^−0.5, t·W^−1.5)        (given `dModel`)
 *     η(t) = P · min(t/W, √(W/t))                        (given `peakValue` P instead)
 *
 * Both rise linearly from 0 at t = 0 to their peak at t = W, then fall as 1/√t; they are the same
 * curve when P = (d_model·W)^−0.5. The step is used as given (no +1), so η(0) = 0; η(t) = 0 for
 * t ≤ 0. W must be a positive integer; give exactly one of `dModel` and `peakValue`.
 */
export function inverseSqrt(options: InverseSqrtOptions): Schedule {
  const { warmupSteps: w, peakValue, dModel } = options;
  if (!(Number.isInteger(w) && w > 0)) {
    throw new ConfigError(`inverseSqrt: warmupSteps must be a positive integer; got ${w}`, "inverseSqrt", "warmupSteps", w);
  }
  if ((peakValue === undefined) === (dModel === undefined)) {
    throw new ConfigError(
      `inverseSqrt: give exactly one of peakValue and dModel; got ${JSON.stringify({ peakValue, dModel })}`,
      "inverseSqrt",
      "peakValue",
      peakValue,
    );
  }
  if (dModel !== undefined) {
    const scale = dModel ** -0.5;
    return (step) => (step > 0 ? scale * Math.min(step ** -0.5, step * w ** -1.5) : 0);
  }
  return (step) => (step > 0 ? peakValue! * Math.min(step / w, Math.sqrt(w / step)) : 0);
}
