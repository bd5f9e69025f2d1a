import { z } from "zod";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

export const constantLRSpec = torchSpec("ConstantLR", {
  factor: z.number().positive().max(1).default(1 / 3),
  total_iters: z.number().int().positive().default(5),
});
export type ConstantLRSpec = z.input<typeof constantLRSpec>;

/**
 * ConstantLR: the rate is scaled by `factor` until step `total_iters`, then restored.
 *
 *     η_t = η_0 · (factor + [t ≥ total_iters] · (1 − factor))
 *
 * torch 1.13 computes it recursively: `η_0 · factor` at t = 0, `η_{t−1} / factor` (as
 * `η_{t−1} · (1/factor)`) at t = total_iters, else `η_{t−1}`; the closed form only when
 * SequentialLR restarts it. `factor` must be in (0, 1]: torch accepts 0 but then divides by zero.
 */
export class ConstantLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly spec: z.output<typeof constantLRSpec>,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    if (this.lastEpoch === 0) return this.group.lr * this.spec.factor;
    if (this.lastEpoch !== this.spec.total_iters) return this.group.lr;
    return this.group.lr * (1 / this.spec.factor);
  }

  protected override closedFormLr(): number {
    const { factor, total_iters } = this.spec;
    return this.baseLr * (factor + (this.lastEpoch >= total_iters ? 1 - factor : 0));
  }
}

export const constantLRKind = kind(constantLRSpec, (spec, group) => new ConstantLR(group, spec));
