import type { Scheduler } from "../types.js";
import type { Interval } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import { newGroup, type ParamGroup } from "./param-group.js";
import { TorchScheduler } from "./torch-scheduler.js";

/**
 * LambdaLR: the optimizer's rate times a factor computed from the step count,
 *
 *     η_t = η_0 · fn(t)
 *
 * As in torch, the function is not part of the saved state; `load()` restores the step count.
 */
class LambdaLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly fn: (step: number) => number,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    return this.baseLr * this.fn(this.lastEpoch);
  }
}

/** A LambdaLR scheduler (`η_t = baseLr · fn(t)`) on an optimizer whose rate is `baseLr`. */
export function lambdaLR(fn: (step: number) => number, baseLr: number, interval: Interval = "step"): Scheduler {
  const group = newGroup(baseLr, "lambdaLR");
  return new TorchScheduler("LambdaLR", group, new LambdaLR(group, fn), interval);
}
