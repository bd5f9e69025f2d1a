import type { SchedulerState } from "../types.js";

/**
 * What every scheduler built here does once bound to its parameter group: advance one step
 * (writing the group's `lr`), and save / restore its own counters. The metric is read only by
 * ReduceLROnPlateau.
 */
export interface Stepper {
  step(metric?: number): void;
  state(): SchedulerState;
  /** Restore from `state()` output; `where` names the saved state in error messages. */
  load(state: SchedulerState, where: string): void;
}
