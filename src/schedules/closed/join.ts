/** Schedules run one after another. */
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";

export interface JoinOptions {
  schedules: readonly Schedule[];
  boundaries: readonly number[];
}

/**
 * Runs `schedules` in sequence, optax's `join_schedules`: with boundaries b_1 ≤ … ≤ b_{n−1},
 *
 *     η(t) = s_0(t)            if t < b_1
 *     η(t) = s_k(t − b_k)      if b_k ≤ t < b_{k+1}
 *
 * so each later schedule sees the steps since its own boundary (it restarts at its step 0, like
 * PyTorch's `SequentialLR`). Steps before b_1, negative ones included, go to s_0 unshifted. A
 * repeated boundary skips the schedule between its copies, as in optax. There must be exactly one
 * boundary fewer than schedules (optax silently ignores extras) and they must not decrease.
 */
export function joinSchedules({ schedules, boundaries }: JoinOptions): Schedule {
  const first = schedules[0];
  if (first === undefined) throw new ConfigError("joinSchedules: schedules must not be empty", "joinSchedules", "schedules", schedules);
  if (boundaries.length !== schedules.length - 1) {
    throw new ConfigError(
      `joinSchedules: ${schedules.length} schedules need ${schedules.length - 1} boundaries; got ${boundaries.length} (${JSON.stringify(boundaries)})`,
      "joinSchedules",
      "boundaries",
      boundaries,
    );
  }
  const decrease = boundaries.findIndex((b, i) => i > 0 && b < boundaries[i - 1]!);
  if (decrease >= 0) {
    throw new ConfigError(
      `joinSchedules: boundaries must not decrease; got ${JSON.stringify(boundaries)} (${boundaries[decrease]} after ${boundaries[decrease - 1]})`,
      "joinSchedules",
      "boundaries",
      boundaries,
    );
  }
  return (step) => {
    let k = boundaries.length - 1;
    while (k >= 0 && step < boundaries[k]!) k--;
    return k < 0 ? first(step) : schedules[k + 1]!(step - boundaries[k]!);
  };
}
