import type { Schedule } from "../types.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

/**
 * A closed-form (optax-style) schedule seen as a torch-style scheduler: `η_t = schedule(t)`,
 * `t` counting this scheduler's own steps, so inside SequentialLR it starts at its step 0 at its
 * milestone, and inside ChainedScheduler it sets the rate outright (like CyclicLR and OneCycleLR).
 */
export class ClosedFormScheduler extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly schedule: Schedule,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    return this.schedule(this.lastEpoch);
  }
}
