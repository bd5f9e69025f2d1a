import { z } from "zod";
import type { SchedulerState } from "../types.js";
import { kind, torchSpec } from "./kind.js";
import type { ParamGroup } from "./param-group.js";
import { readNumber, writeNumber } from "./saved-state.js";
import type { Stepper } from "./stepper.js";

export const reduceLROnPlateauSpec = torchSpec("ReduceLROnPlateau", {
  mode: z.enum(["min", "max"]).default("min"),
  factor: z.number().gt(0).lt(1).default(0.1),
  patience: z.number().int().nonnegative().default(10),
  threshold: z.number().nonnegative().default(1e-4),
  threshold_mode: z.enum(["rel", "abs"]).default("rel"),
  cooldown: z.number().int().nonnegative().default(0),
  min_lr: z.number().nonnegative().default(0),
  eps: z.number().nonnegative().default(1e-8),
});
export type ReduceLROnPlateauSpec = z.input<typeof reduceLROnPlateauSpec>;

/**
 * ReduceLROnPlateau, as torch 1.13: after each `step(metric)`,
 *
 *     better(a, best) = a < best · (1 − threshold)   (min, rel)    a < best − threshold   (min, abs)
 *                       a > best · (1 + threshold)   (max, rel)    a > best + threshold   (max, abs)
 *
 * a better metric becomes `best` and clears the count of bad steps, any other adds one; during
 * `cooldown` steps after a reduction bad steps are not counted. When the count exceeds `patience`,
 * `η ← max(η · factor, min_lr)` — skipped if that changes η by no more than `eps` — and the
 * cooldown starts. `best` starts at +∞ (min) or −∞ (max). A NaN metric is never better, so it
 * counts as a bad step (as in torch). The metric is required: stepping without one is a TypeError.
 */
export class ReduceLROnPlateau implements Stepper {
  private best: number;
  private numBadEpochs = 0;
  private cooldownCounter = 0;

  constructor(
    private readonly group: ParamGroup,
    private readonly spec: z.output<typeof reduceLROnPlateauSpec>,
  ) {
    this.best = spec.mode === "min" ? Infinity : -Infinity;
  }

  step(metric?: number): void {
    if (typeof metric !== "number") {
      throw new TypeError(`ReduceLROnPlateau.step(metric) needs the monitored metric (e.g. the validation loss); got ${String(metric)}`);
    }
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.spec.patience) {
      this.reduce();
      this.cooldownCounter = this.spec.cooldown;
      this.numBadEpochs = 0;
    }
  }

  private isBetter(a: number): boolean {
    const { mode, threshold, threshold_mode } = this.spec;
    if (mode === "min") return threshold_mode === "rel" ? a < this.best * (1 - threshold) : a < this.best - threshold;
    return threshold_mode === "rel" ? a > this.best * (threshold + 1) : a > this.best + threshold;
  }

  private reduce(): void {
    const old = this.group.lr;
    const reduced = Math.max(old * this.spec.factor, this.spec.min_lr);
    if (old - reduced > this.spec.eps) this.group.lr = reduced;
  }

  state(): SchedulerState {
    return { best: writeNumber(this.best), num_bad_epochs: this.numBadEpochs, cooldown_counter: this.cooldownCounter };
  }

  load(state: SchedulerState, where: string): void {
    this.best = readNumber(state, "best", where);
    this.numBadEpochs = readNumber(state, "num_bad_epochs", where);
    this.cooldownCounter = readNumber(state, "cooldown_counter", where);
  }
}

export const reduceLROnPlateauKind = kind(reduceLROnPlateauSpec, (spec, group) => new ReduceLROnPlateau(group, spec));
