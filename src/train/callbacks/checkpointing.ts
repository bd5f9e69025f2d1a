/**
 * Saves a checkpoint after every `everyEpochs` epochs (and after an epoch cut short by a stop):
 * parameters, buffers, optimizer state, scheduler state, seed, step and epoch, and the run log so
 * far when given the history. Where it goes is the caller's `save` (on Node, `writeCheckpoint`,
 * which writes atomically).
 */
import { toTensorData, type Params, type TensorData } from "../../engine/index.js";
import type { Optimizer } from "../../optim/index.js";
import type { Scheduler } from "../../schedules/index.js";
import { toRows, toWire } from "../../log/index.js";
import type { Callback, TrainState } from "../callback.js";
import type { History } from "./history.js";
import type { Checkpoint } from "../checkpoint.js";

export interface CheckpointingOptions {
  optimizer: Optimizer;
  /** The run's log so far, kept in each checkpoint. */
  history?: History;
  scheduler?: Scheduler;
  seed: number;
  everyEpochs?: number;
  save(checkpoint: Checkpoint): void | Promise<void>;
}

export function checkpointing(options: CheckpointingOptions): Callback {
  const every = options.everyEpochs ?? 1;
  return {
    async afterEpoch(state: TrainState) {
      if ((state.epoch + 1) % every !== 0 && !state.stop) return;
      await options.save(await captureCheckpoint(state, options));
    },
  };
}

/** The checkpoint of the state at the end of the current epoch; borrows everything. */
export async function captureCheckpoint(state: TrainState, options: Pick<CheckpointingOptions, "optimizer" | "scheduler" | "seed" | "history">): Promise<Checkpoint> {
  return {
    format: "lrkit-checkpoint",
    version: 1,
    step: state.step,
    epoch: state.epoch + 1,
    seed: options.seed,
    params: await encode(state.params),
    buffers: await encode(state.buffers),
    optimizer: await options.optimizer.saveState(state.optState),
    scheduler: options.scheduler?.state() ?? null,
    ...(options.history ? { log: toWire({ steps: toRows(options.history.steps), epochs: options.history.epochs }) } : {}),
  };
}

async function encode(params: Params): Promise<Record<string, TensorData>> {
  const out: Record<string, TensorData> = {};
  for (const [name, array] of Object.entries(params)) out[name] = await toTensorData(array);
  return out;
}
