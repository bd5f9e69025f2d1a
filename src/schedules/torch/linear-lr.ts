import { z } from "zod";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

export const linearLRSpec = torchSpec("LinearLR", {
  start_factor: z.number().positive().max(1).default(1 / 3),
  end_factor: z.number().nonnegative().max(1).default(1),
  total_iters: z.number().int().positive().default(5),
});
export type LinearLRSpec = z.input<typeof linearLRSpec>;

/**
 * LinearLR: the rate's factor moves linearly from `start_factor` to `end_factor` over
 * `total_iters` steps, then stays.
 *
 *     η_t = η_0 · (s + (e − s) · min(t, total_iters) / total_iters)
 *
 * torch 1.13 computes it recursively, which is what the rounding follows
 * (0.1 → 0.010000000000000002, 0.019000000000000003, … for s = 0.1):
 *
 *     η_0 = η · s
 *     η_t = η_{t−1} · (1 + (e − s) / (total_iters · s + (t − 1) · (e − s)))   for 0 < t ≤ total_iters
 *     η_t = η_{t−1}                                                           for t > total_iters
 *
 * and the closed form only when SequentialLR restarts it. `start_factor` must be in (0, 1]
 * (torch accepts 0 but then divides by zero), `end_factor` in [0, 1].
 * With `end_factor = 0` torch's rounding often ends the decay at about −1e-18 rather than 0;
 * that value is kept here too, and `Scheduler.lr` reports it as 0 (see TorchScheduler).
 */
export class LinearLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly spec: z.output<typeof linearLRSpec>,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    const { start_factor: s, end_factor: e, total_iters: n } = this.spec;
    if (this.lastEpoch === 0) return this.group.lr * s;
    if (this.lastEpoch > n) return this.group.lr;
    return this.group.lr * (1 + (e - s) / (n * s + (this.lastEpoch - 1) * (e - s)));
  }

  protected override closedFormLr(): number {
    const { start_factor: s, end_factor: e, total_iters: n } = this.spec;
    return this.baseLr * (s + ((e - s) * Math.min(n, this.lastEpoch)) / n);
  }
}

export const linearLRKind = kind(linearLRSpec, (spec, group) => new LinearLR(group, spec));
