import { z } from "zod";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

export const stepLRSpec = torchSpec("StepLR", {
  step_size: z.number().int().positive(),
  gamma: z.number().positive().default(0.1),
});
export type StepLRSpec = z.input<typeof stepLRSpec>;

/**
 * StepLR: the rate decays by `gamma` every `step_size` steps.
 *
 *     η_t = η_0 · γ^⌊t / step_size⌋
 *
 * torch 1.13 computes it recursively — `η_t = η_{t−1} · γ` when `t > 0` and `t mod step_size = 0`,
 * else `η_{t−1}` — and the closed form above only when SequentialLR restarts it; both are kept so
 * the rounding matches.
 */
export class StepLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly spec: z.output<typeof stepLRSpec>,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    if (this.lastEpoch === 0 || this.lastEpoch % this.spec.step_size !== 0) return this.group.lr;
    return this.group.lr * this.spec.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLr * this.spec.gamma ** Math.floor(this.lastEpoch / this.spec.step_size);
  }
}

export const stepLRKind = kind(stepLRSpec, (spec, group) => new StepLR(group, spec));
