import { z } from "zod";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

export const polynomialLRSpec = torchSpec("PolynomialLR", {
  total_iters: z.number().int().positive().default(5),
  power: z.number().nonnegative().default(1),
});
export type PolynomialLRSpec = z.input<typeof polynomialLRSpec>;

/**
 * PolynomialLR: the rate decays polynomially to 0 over `total_iters` steps, then stays at 0.
 *
 *     η_t = η_0 · (1 − min(t, total_iters) / total_iters)^power
 *
 * torch 1.13 computes it recursively,
 *
 *     η_t = η_{t−1} · ((1 − t/total_iters) / (1 − (t−1)/total_iters))^power   for 0 < t ≤ total_iters
 *
 * (else `η_{t−1}`), and the closed form only when SequentialLR restarts it.
 */
export class PolynomialLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly spec: z.output<typeof polynomialLRSpec>,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    const { total_iters: n, power } = this.spec;
    if (this.lastEpoch === 0 || this.lastEpoch > n) return this.group.lr;
    const decay = ((1 - this.lastEpoch / n) / (1 - (this.lastEpoch - 1) / n)) ** power;
    return this.group.lr * decay;
  }

  protected override closedFormLr(): number {
    const { total_iters: n, power } = this.spec;
    return this.baseLr * (1 - Math.min(n, this.lastEpoch) / n) ** power;
  }
}

export const polynomialLRKind = kind(polynomialLRSpec, (spec, group) => new PolynomialLR(group, spec));
