/**
 * PyTorch 1.13's `_LRScheduler`, the base of every epoch-counting scheduler.
 *
 * Construction (torch's `__init__` with `last_epoch=-1`): the group's `initial_lr` is set unless a
 * scheduler built earlier on the same group set it, `base_lr = initial_lr`, and one step is taken,
 * so the rate for step 0 is in force before training starts.
 *
 * `step()`: `last_epoch += 1; lr = getLr()` — torch's chainable form, which most schedulers
 * compute from the rate in force rather than from `base_lr`.
 *
 * `restart()`: torch's `step(0)`, which SequentialLR calls on the next scheduler at a milestone:
 * `last_epoch = 0; lr = closedFormLr()` where the scheduler has a closed form, else `getLr()`.
 *
 * `rewind()`: `last_epoch -= 1`, SequentialLR's "undo" of the step each child took when built.
 */
import type { SchedulerState } from "../types.js";
import type { ParamGroup } from "./param-group.js";
import { readNumber } from "./saved-state.js";
import type { Stepper } from "./stepper.js";

export abstract class LRScheduler implements Stepper {
  lastEpoch = -1;
  protected baseLr = 0;

  constructor(protected readonly group: ParamGroup) {}

  /** torch's `_LRScheduler.__init__`, called by each subclass once its own fields are set. */
  protected attach(): void {
    this.group.initial_lr ??= this.group.lr;
    this.baseLr = this.group.initial_lr;
    this.step();
  }

  step(): void {
    this.lastEpoch += 1;
    this.group.lr = this.getLr();
  }

  restart(): void {
    this.lastEpoch = 0;
    this.group.lr = this.closedFormLr ? this.closedFormLr() : this.getLr();
  }

  rewind(): void {
    this.lastEpoch -= 1;
  }

  state(): SchedulerState {
    return { last_epoch: this.lastEpoch, base_lr: this.baseLr };
  }

  load(state: SchedulerState, where: string): void {
    this.lastEpoch = readNumber(state, "last_epoch", where);
    this.baseLr = readNumber(state, "base_lr", where);
  }

  /** The rate for `lastEpoch` (already advanced), usually from the rate in force `group.lr`. */
  protected abstract getLr(): number;

  /** The rate for `lastEpoch` from `baseLr` alone, where torch defines `_get_closed_form_lr`. */
  protected closedFormLr?(): number;
}
