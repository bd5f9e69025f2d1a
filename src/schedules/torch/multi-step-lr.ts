import { z } from "zod";
import { increasingMilestones } from "./milestones.js";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

export const multiStepLRSpec = torchSpec("MultiStepLR", {
  milestones: z.array(z.number().int().nonnegative()).check(increasingMilestones),
  gamma: z.number().positive().default(0.1),
});
export type MultiStepLRSpec = z.input<typeof multiStepLRSpec>;

/**
 * MultiStepLR: the rate decays by `gamma` at each milestone.
 *
 *     η_t = η_0 · γ^|{m ∈ milestones : m ≤ t}|
 *
 * torch 1.13 computes it recursively (`η_t = η_{t−1} · γ` when t is a milestone, else `η_{t−1}`)
 * and the closed form above only when SequentialLR restarts it. Milestones must be strictly
 * increasing here (torch documents "must be increasing" and would count a repeated one twice).
 */
export class MultiStepLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly spec: z.output<typeof multiStepLRSpec>,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    return this.spec.milestones.includes(this.lastEpoch) ? this.group.lr * this.spec.gamma : this.group.lr;
  }

  protected override closedFormLr(): number {
    const passed = this.spec.milestones.filter((m) => m <= this.lastEpoch).length;
    return this.baseLr * this.spec.gamma ** passed;
  }
}

export const multiStepLRKind = kind(multiStepLRSpec, (spec, group) => new MultiStepLR(group, spec));
