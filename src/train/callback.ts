/**
 * The training loop's events and the state callbacks see (fastai style): the loop stays short and
 * everything optional — scheduling, plateau reduction, early stopping, divergence guard, logging,
 * checkpoints — reacts to named events.
 *
 * Order per fit: beforeFit → (beforeEpoch → (beforeBatch → step → afterBatch)* → afterEpoch)* → afterFit.
 * `beforeBatch` may set `lr`/`momentum` for the coming step; `afterBatch` sees the loss and gradient norm of the step just taken and the η it used;
 * `afterEpoch` sees the epoch's train loss and the validation metrics. A run resumed from a
 * checkpoint first hands the rows its earlier part logged to `replay`, so logs cover the whole run.
 */
import type { Params } from "../engine/index.js";
import type { EpochRow, StepRow } from "../log/index.js";
import type { OptimizerState } from "../optim/index.js";

export type Metrics = Record<string, number>;

export interface TrainState {
  /** Index of the current epoch, from 0 (during afterEpoch: the epoch just finished). */
  epoch: number;
  /** Optimizer steps taken before the current one: the 0-based index of the step in beforeBatch and afterBatch, the count of steps taken elsewhere. */
  step: number;
  /** Steps in one epoch. */
  stepsPerEpoch: number;
  /** The η used by the step just taken (afterBatch) or to be used by the next one. */
  lr: number;
  momentum: number | undefined;
  /** Loss and global gradient norm (before clipping) of the step just taken. */
  loss: number;
  gradNorm: number;
  /** Mean train loss of the epoch just finished, and validation metrics when a validation set is given. */
  trainLoss: number;
  val: Metrics;
  /** Set by a callback to end training after the current event. */
  stop: { reason: string; kind: "early_stopping" | "diverged" | "non_finite" | "user" } | undefined;
  /** The current parameters; callbacks borrow them (take `.ref` to keep a copy). */
  params: Params;
  buffers: Params;
  /** The optimizer state; callbacks borrow it (a checkpoint saves it). */
  optState: OptimizerState;
}

export interface Callback {
  replay?(steps: readonly StepRow[], epochs: readonly EpochRow[]): void;
  beforeFit?(state: TrainState): void | Promise<void>;
  beforeEpoch?(state: TrainState): void | Promise<void>;
  beforeBatch?(state: TrainState): void | Promise<void>;
  afterBatch?(state: TrainState): void | Promise<void>;
  afterEpoch?(state: TrainState): void | Promise<void>;
  afterFit?(state: TrainState): void | Promise<void>;
}

export type EventName = Exclude<keyof Callback, "replay">;

export async function fire(callbacks: readonly Callback[], event: EventName, state: TrainState): Promise<void> {
  for (const callback of callbacks) await callback[event]?.(state);
}
