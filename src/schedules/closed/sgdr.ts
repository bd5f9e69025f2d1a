/** Stochastic gradient descent with warm restarts: cosine cycles one after another. */
import type { Schedule } from "../types.js";
import { joinSchedules } from "./join.js";
import { warmupCosine, type WarmupCosineOptions } from "./warmup-cosine.js";

/** One cycle: the options of `warmupCosine`, the warmup optional (default 0 steps). */
export type SgdrCycle = Omit<WarmupCosineOptions, "warmupSteps"> & { warmupSteps?: number };

export interface SgdrOptions {
  cosineKwargs: readonly SgdrCycle[];
}

/**
 * SGDR (Loshchilov & Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", 2017),
 * optax's `sgdr_schedule`: the cycles c_1 … c_n, each a `warmupCosine`, joined at the cumulative
 * lengths D_1, D_1 + D_2, …, D_1 + … + D_{n−1} (D_i = c_i.decaySteps), so each cycle restarts at
 * its own step 0. After the last cycle the value stays at its end value. PyTorch's
 * `CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)` is the cycles D_i = T_0·T_mult^(i−1) with
 * peak lr, end value eta_min and no warmup.
 */
export function sgdr({ cosineKwargs }: SgdrOptions): Schedule {
  const boundaries: number[] = [];
  let start = 0;
  for (const cycle of cosineKwargs.slice(0, -1)) boundaries.push((start += cycle.decaySteps));
  return joinSchedules({
    schedules: cosineKwargs.map((cycle) => warmupCosine({ ...cycle, warmupSteps: cycle.warmupSteps ?? 0 })),
    boundaries,
  });
}
