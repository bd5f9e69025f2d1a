import { z } from "zod";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

export const exponentialLRSpec = torchSpec("ExponentialLR", {
  gamma: z.number().positive(),
});
export type ExponentialLRSpec = z.input<typeof exponentialLRSpec>;

/**
 * ExponentialLR: the rate decays by `gamma` every step.
 *
 *     η_t = η_0 · γ^t
 *
 * torch 1.13 computes it recursively (`η_t = η_{t−1} · γ` for t > 0) and the closed form only
 * when SequentialLR restarts it.
 */
export class ExponentialLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly spec: z.output<typeof exponentialLRSpec>,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    return this.lastEpoch === 0 ? this.group.lr : this.group.lr * this.spec.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLr * this.spec.gamma ** this.lastEpoch;
  }
}

export const exponentialLRKind = kind(exponentialLRSpec, (spec, group) => new ExponentialLR(group, spec));
