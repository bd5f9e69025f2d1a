import { z } from "zod";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

export const cosineAnnealingLRSpec = torchSpec("CosineAnnealingLR", {
  T_max: z.number().int().positive(),
  eta_min: z.number().nonnegative().default(0),
});
export type CosineAnnealingLRSpec = z.input<typeof cosineAnnealingLRSpec>;

/**
 * CosineAnnealingLR (SGDR's annealing without restarts):
 *
 *     η_t = η_min + (η_0 − η_min) · (1 + cos(π t / T_max)) / 2
 *
 * torch 1.13 computes it recursively, and so does this:
 *
 *     η_t = η_{t−1} + (η_0 − η_min) · (1 − cos(π / T_max)) / 2              if (t − 1 − T_max) mod 2T_max = 0
 *     η_t = (1 + cos(π t / T_max)) / (1 + cos(π (t−1) / T_max)) · (η_{t−1} − η_min) + η_min   otherwise
 *
 * It is not clamped after `T_max`: the rate climbs back up towards η_0 over the next `T_max`
 * steps, and so on (a period of 2·T_max). The closed form is used only when SequentialLR restarts
 * it. (torch's extra branch for `_step_count == 1 and last_epoch > 0` serves resuming with a
 * `last_epoch` argument, which specs do not have — `load()` restores a scheduler instead.)
 */
export class CosineAnnealingLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly spec: z.output<typeof cosineAnnealingLRSpec>,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    const { T_max, eta_min } = this.spec;
    const t = this.lastEpoch;
    if (t === 0) return this.group.lr;
    if ((t - 1 - T_max) % (2 * T_max) === 0) {
      return this.group.lr + ((this.baseLr - eta_min) * (1 - Math.cos(Math.PI / T_max))) / 2;
    }
    return ((1 + Math.cos((Math.PI * t) / T_max)) / (1 + Math.cos((Math.PI * (t - 1)) / T_max))) * (this.group.lr - eta_min) + eta_min;
  }

  protected override closedFormLr(): number {
    const { T_max, eta_min } = this.spec;
    return eta_min + ((this.baseLr - eta_min) * (1 + Math.cos((Math.PI * this.lastEpoch) / T_max))) / 2;
  }
}

export const cosineAnnealingLRKind = kind(cosineAnnealingLRSpec, (spec, group) => new CosineAnnealingLR(group, spec));
