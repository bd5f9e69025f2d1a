import type { Scheduler } from "../types.js";
import type { Interval } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import { newGroup, type ParamGroup } from "./param-group.js";
import { TorchScheduler } from "./torch-scheduler.js";

/**
 * MultiplicativeLR: each step multiplies the rate in force by a factor computed from the step
 * count,
 *
 *     η_0 = η,   η_t = η_{t−1} · fn(t)   for t > 0
 *
 * As in torch, the function is not part of the saved state; `load()` restores the step count
 * (and the rate, which is the parameter group's).
 */
class MultiplicativeLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly fn: (step: number) => number,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    return this.lastEpoch > 0 ? this.group.lr * this.fn(this.lastEpoch) : this.group.lr;
  }
}

/** A MultiplicativeLR scheduler (`η_t = η_{t−1} · fn(t)`) on an optimizer whose rate is `baseLr`. */
export function multiplicativeLR(fn: (step: number) => number, baseLr: number, interval: Interval = "step"): Scheduler {
  const group = newGroup(baseLr, "multiplicativeLR");
  return new TorchScheduler("MultiplicativeLR", group, new MultiplicativeLR(group, fn), interval);
}
