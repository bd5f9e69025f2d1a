/** Cosine decay. */
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";

export interface CosineDecayOptions {
  initValue: number;
  decaySteps: number;
  alpha?: number;
  exponent?: number;
}

/**
 * Cosine decay, optax's `cosine_decay_schedule` (Loshchilov & Hutter, "SGDR", 2017):
 *
 *     η(t) = I·((1 − α)·c(t)^p + α),   c(t) = ½·(1 + cos(π·min(t, T)/T))
 *
 * with I = `initValue`, T = `decaySteps`, α = `alpha` (default 0, so η ends at α·I) and
 * p = `exponent` (default 1). Past T the value stays at α·I. As in optax, steps before 0 are not
 * clamped: the formula is evaluated as written, which mirrors the curve around step 0.
 * With α = η_min/I this equals PyTorch's `CosineAnnealingLR(T_max=T, eta_min)` for t ≤ T (PyTorch
 * climbs back after T_max; this schedule stays at η_min). T must be positive (optax raises too).
 */
export function cosineDecay({ initValue, decaySteps, alpha = 0, exponent = 1 }: CosineDecayOptions): Schedule {
  if (!(decaySteps > 0)) {
    throw new ConfigError(`cosineDecay: decaySteps must be positive; got ${decaySteps}`, "cosineDecay", "decaySteps", decaySteps);
  }
  return (step) => {
    const c = 0.5 * (1 + Math.cos((Math.PI * Math.min(step, decaySteps)) / decaySteps));
    return initValue * ((1 - alpha) * c ** exponent + alpha);
  };
}
