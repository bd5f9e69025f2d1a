import { z } from "zod";
import type { SchedulerState } from "../types.js";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";
import { readNumber } from "./saved-state.js";

export const cosineAnnealingWarmRestartsSpec = torchSpec("CosineAnnealingWarmRestarts", {
  T_0: z.number().int().positive(),
  T_mult: z.number().int().min(1).default(1),
  eta_min: z.number().nonnegative().default(0),
});
export type CosineAnnealingWarmRestartsSpec = z.input<typeof cosineAnnealingWarmRestartsSpec>;

/**
 * CosineAnnealingWarmRestarts (SGDR):
 *
 *     η_t = η_min + (η_0 − η_min) · (1 + cos(π T_cur / T_i)) / 2
 *
 * where `T_cur` counts the steps since the last restart and `T_i` is the current period: it
 * starts at `T_0` and, when `T_cur` reaches `T_i`, `T_cur −= T_i` and `T_i *= T_mult`. So η is
 * η_0 right after each restart and never reaches η_min exactly. `restart()` (SequentialLR's
 * `step(0)`) goes back to `T_cur = 0, T_i = T_0`, as torch's explicit-epoch path does for epoch 0.
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  private tCur = -1;
  private tI: number;

  constructor(
    group: ParamGroup,
    private readonly spec: z.output<typeof cosineAnnealingWarmRestartsSpec>,
  ) {
    super(group);
    this.tI = spec.T_0;
    this.attach();
  }

  override step(): void {
    if (this.lastEpoch < 0) {
      this.restart();
      return;
    }
    this.lastEpoch += 1;
    this.tCur += 1;
    if (this.tCur >= this.tI) {
      this.tCur -= this.tI;
      this.tI *= this.spec.T_mult;
    }
    this.group.lr = this.getLr();
  }

  override restart(): void {
    this.tI = this.spec.T_0;
    this.tCur = 0;
    super.restart();
  }

  protected getLr(): number {
    const { eta_min } = this.spec;
    return eta_min + ((this.baseLr - eta_min) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2;
  }

  override state(): SchedulerState {
    return { ...super.state(), T_cur: this.tCur, T_i: this.tI };
  }

  override load(state: SchedulerState, where: string): void {
    super.load(state, where);
    this.tCur = readNumber(state, "T_cur", where);
    this.tI = readNumber(state, "T_i", where);
  }
}

export const cosineAnnealingWarmRestartsKind = kind(cosineAnnealingWarmRestartsSpec, (spec, group) => new CosineAnnealingWarmRestarts(group, spec));
