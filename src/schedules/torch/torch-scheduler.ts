import { ConfigError } from "../../errors.js";
import type { Scheduler, SchedulerState } from "../types.js";
import type { Interval } from "./kind.js";
import { loadGroup, type ParamGroup } from "./param-group.js";
import { readRecord } from "./saved-state.js";
import type { Stepper } from "./stepper.js";

/**
 * A torch-style scheduler (or a tree of them, for SequentialLR / ChainedScheduler) together with
 * the parameter group it writes, seen as a `Scheduler`: `lr` and `momentum` are the group's,
 * `step(metric)` steps the outermost scheduler, and the state is the group plus every nested
 * scheduler's counters, all JSON-safe.
 *
 * The one departure from torch: `lr` is never negative. torch's recursive arithmetic can go
 * below 0 — by rounding at the end of a decay to 0 (LinearLR with end_factor 0, about −1e-18),
 * past OneCycleLR's last step with linear annealing, or when CosineAnnealingLR's recursion runs
 * on a rate that another scheduler pushed below eta_min (ChainedScheduler) — and a negative rate
 * would ascend the loss. `lr` reports such a value as 0; the group keeps torch's value, so every
 * later step is still computed exactly as torch computes it.
 */
export class TorchScheduler implements Scheduler {
  constructor(
    private readonly type: string,
    private readonly group: ParamGroup,
    private readonly root: Stepper,
    readonly interval: Interval,
  ) {}

  get lr(): number {
    return Math.max(0, this.group.lr);
  }

  get momentum(): number | undefined {
    return this.group.momentum;
  }

  step(metric?: number): void {
    this.root.step(metric);
  }

  state(): SchedulerState {
    return { type: this.type, group: { ...this.group }, scheduler: this.root.state() };
  }

  load(state: SchedulerState): void {
    const where = "scheduler state";
    if (state.type !== this.type) {
      throw new ConfigError(`${where}.type: the saved state is for ${JSON.stringify(state.type)}, this scheduler is "${this.type}"`, where, "type", state.type);
    }
    loadGroup(this.group, readRecord(state, "group", where), `${where}.group`);
    this.root.load(readRecord(state, "scheduler", where), `${where}.scheduler`);
  }
}
