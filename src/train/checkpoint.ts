/**
 * What a checkpoint holds: everything needed to continue a run bit-identically — parameters,
 * buffers (e.g. BatchNorm running statistics), optimizer state, scheduler state, the data-order
 * seed and the step and epoch counters — and the run's log so far, so a resumed run's history,
 * diagnosis and stored curves cover the whole run. Batch order and dropout keys are pure functions
 * of (seed, epoch, step), so the RNG state is the seed itself.
 */
import type { TensorData } from "../engine/index.js";
import type { EpochRowWire, StepRowWire } from "../log/index.js";
import type { SchedulerState } from "../schedules/index.js";

export interface Checkpoint {
  format: "lrkit-checkpoint";
  version: 1;
  /** Optimizer steps taken. */
  step: number;
  /** Epochs completed. */
  epoch: number;
  seed: number;
  params: Record<string, TensorData>;
  buffers: Record<string, TensorData>;
  optimizer: unknown;
  scheduler: SchedulerState | null;
  /** The step and epoch rows logged up to this checkpoint, as JSON carries them (absent in checkpoints of lrkit before 0.2). */
  log?: { steps: StepRowWire[]; epochs: EpochRowWire[] };
}
