/** The shapes shared by closed-form schedules and PyTorch-style schedulers. */

/** A closed-form schedule: the learning rate as a pure function of the step count (optax style). */
export type Schedule = (step: number) => number;

/** JSON-safe data that restores a scheduler exactly. */
export type SchedulerState = Record<string, unknown>;

/**
 * A stateful learning-rate scheduler with PyTorch's semantics: `lr` is the rate in force now
 * (read it before the optimizer step), `step(metric?)` advances one step (the metric feeds
 * ReduceLROnPlateau).
 */
export interface Scheduler {
  readonly lr: number;
  /** The momentum in force now where the scheduler cycles it (OneCycleLR, CyclicLR), else undefined. */
  readonly momentum: number | undefined;
  /** Whether the trainer steps this scheduler after every batch or after every epoch (spec key `interval`). */
  readonly interval: "step" | "epoch";
  step(metric?: number): void;
  state(): SchedulerState;
  load(state: SchedulerState): void;
}
