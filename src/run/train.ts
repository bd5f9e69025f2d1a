/**
 * `runTraining(config, { data })`: a whole training run from a run config (what `lrkit train`
 * does), on data already loaded:
 *
 * 1. check the config (`parseRunSpec`) and build the run (`buildRun`): splits, objective, model,
 *    optimizer with clipping, scheduler, batches — every check made before the first step;
 * 2. fit with the callbacks the config asks for — history, scheduling, plateau reduction on a
 *    validation metric, divergence guard, early stopping, checkpoints — plus the caller's
 *    (progress, run log);
 * 3. evaluate on the validation and test sets (at Schedule-Free's x where that applies).
 *
 * Resuming from a checkpoint restores params, buffers, optimizer and scheduler state, the
 * counters and the log so far; batch order and dropout keys depend only on (seed, epoch, step), so
 * two epochs in one go equal one epoch, a checkpoint, and one more epoch, bit for bit, and the
 * history (and with it the diagnosis) covers the whole run.
 */
import type { TrainTest } from "../data/index.js";
import { fromTensorData, jax, type Params } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { parseSpec } from "../spec/index.js";
import { epochRowSchema, stepRowSchema, type EpochRow, type StepRow } from "../log/index.js";
import type { Model } from "../nn/index.js";
import type { Optimizer, OptimizerState, OptimizerStateData } from "../optim/index.js";
import type { Scheduler } from "../schedules/index.js";
import { checkpointing, createEvaluator, createTrainer, divergenceGuard, earlyStopping, history, preconditioningOf, scheduleLr, sharpnessMonitor, type Callback, type Checkpoint, type History, type Metrics, type SharpnessMonitor, type SharpnessRow, type TrainState } from "../train/index.js";
import { buildRun, type BuiltRun } from "./build.js";
import { parseRunSpec, type RunSpec } from "./spec.js";

export interface TrainingRunOptions {
  data: TrainTest;
  /** Extra callbacks (progress bar, run log), fired after the built-in ones. */
  callbacks?: Callback[];
  /** Continue from this checkpoint (written by an earlier run of the same config). */
  resume?: Checkpoint;
  /** Where checkpoints go (e.g. an atomic file write); none are taken without it. */
  saveCheckpoint?: (checkpoint: Checkpoint) => void | Promise<void>;
  /** Keep the trained params and buffers in the result (the caller then disposes them). */
  keepParams?: boolean;
  /** Where config errors point, e.g. the config file's name. */
  where?: string;
  /** Told each sharpness row as it is probed (e.g. to write it to the run store while the run goes on). */
  onSharpness?: (row: SharpnessRow) => void;
}

export interface TrainingRunResult {
  spec: RunSpec;
  metrics: { val: Metrics; test: Metrics };
  epochs: number;
  steps: number;
  wall_seconds: number;
  lr_final: number;
  stopped: TrainState["stop"];
  /** The whole run's log, the part before a resumed checkpoint included. */
  history: History;
  /** The jax-js device the run trained on ("wasm", "webgpu"). */
  device: string;
  /** λ_max of the Hessian and 2/η at every probed step, when the config asks for `sharpness`. */
  sharpness?: SharpnessRow[];
  model: Model;
  params?: Params;
  buffers?: Params;
}

export async function runTraining(input: unknown, options: TrainingRunOptions): Promise<TrainingRunResult> {
  const where = options.where ?? "config";
  const started = performance.now();
  return fitRun(buildRun(parseRunSpec(input, where), options.data, where), options, started);
}

/** Trains a run `buildRun` has built (see `runTraining`); `started` is when its wall time began. */
export async function fitRun(run: BuiltRun, options: Omit<TrainingRunOptions, "data" | "where">, started = performance.now()): Promise<TrainingRunResult> {
  const { spec, model, optimizer, scheduler, val, test } = run;

  const start = options.resume ? restore(options.resume, model, optimizer, scheduler, spec) : { ...model.init({ seed: spec.seed }), optState: undefined, epoch: 0, step: 0, log: undefined };
  const log = history();
  const callbacks: Callback[] = [log];
  if (scheduler) callbacks.push(scheduleLr(scheduler, run.monitor === undefined ? {} : { metric: run.monitor }));
  if (spec.divergence) callbacks.push(divergenceGuard({ factor: spec.divergence.factor, warmupSteps: spec.divergence.warmup_steps, beta: spec.divergence.beta }));
  if (spec.early_stopping) {
    const e = spec.early_stopping;
    callbacks.push(earlyStopping({ monitor: e.monitor, mode: e.mode, patience: e.patience, minDelta: e.min_delta, restoreBest: e.restore_best }));
  }
  if (options.saveCheckpoint) {
    callbacks.push(checkpointing({ optimizer, scheduler, seed: spec.seed, everyEpochs: spec.checkpoint_every, history: log, save: options.saveCheckpoint }));
  }
  let sharpness: SharpnessMonitor | undefined;
  if (spec.sharpness) {
    const [batch] = run.batches.epoch(0);
    const { every, iters, preconditioned } = spec.sharpness;
    const preconditioning = preconditioned ? preconditioningOf(spec.optimizer.type, spec.optimizer.options) : undefined;
    sharpness = sharpnessMonitor({ model, loss: run.objective.loss, batch: batch!, every, iters, preconditioning, seed: spec.seed, onRow: options.onSharpness });
    callbacks.push(sharpness);
  }
  callbacks.push(...(options.callbacks ?? []));
  if (start.log) replayLog(start.log, callbacks);

  const trainer = createTrainer({ model, loss: run.objective.loss, optimizer, lr: run.lr, momentum: scheduler?.momentum });
  const evaluator = createEvaluator(model, run.objective);
  const evaluateAt = async (params: Params, buffers: Params, optState: OptimizerState, dataset: NonNullable<typeof val>): Promise<Metrics> => {
    const at = optimizer.evalParams(params, optState);
    try {
      return await evaluator.evaluate(at, buffers, dataset);
    } finally {
      jax.tree.dispose(at);
    }
  };

  const out = await trainer.fit({
    params: start.params,
    buffers: start.buffers,
    optState: start.optState,
    train: run.batches,
    epochs: spec.epochs,
    startEpoch: start.epoch,
    startStep: start.step,
    seed: spec.seed,
    callbacks,
    validate: val ? (state) => evaluateAt(state.params, state.buffers, state.optState, val) : undefined,
  });

  const device = Object.values(out.params)[0]?.device ?? jax.defaultDevice();
  const metrics = {
    val: val ? await evaluateAt(out.params, out.buffers, out.optState, val) : {},
    test: await evaluateAt(out.params, out.buffers, out.optState, test),
  };
  trainer.dispose();
  evaluator.dispose();
  jax.tree.dispose(out.optState);
  const result: TrainingRunResult = {
    spec,
    metrics,
    epochs: out.epochs,
    steps: out.steps,
    wall_seconds: (performance.now() - started) / 1000,
    lr_final: log.steps.lr.at(-1) ?? run.lr,
    stopped: out.stopped,
    history: log,
    device,
    ...(sharpness && { sharpness: sharpness.rows }),
    model,
  };
  if (options.keepParams) return { ...result, params: out.params, buffers: out.buffers };
  jax.tree.dispose({ params: out.params, buffers: out.buffers });
  return result;
}

interface SavedLog {
  steps: StepRow[];
  epochs: EpochRow[];
}

/** Hands the log saved in a checkpoint to every callback that keeps a log (the history, the run store, the run's files), so each holds the whole run. */
function replayLog(saved: SavedLog, callbacks: readonly Callback[]): void {
  for (const callback of callbacks) callback.replay?.(saved.steps, saved.epochs);
}

function restore(checkpoint: Checkpoint, model: Model, optimizer: Optimizer, scheduler: Scheduler | undefined, spec: RunSpec) {
  if (checkpoint.seed !== spec.seed) {
    throw new ConfigError(`the checkpoint was written with seed ${checkpoint.seed}, the config has seed ${spec.seed}; resume with the same config`, "resume", "seed", spec.seed);
  }
  const fresh = model.init({ seed: spec.seed });
  const names = Object.keys(fresh.params).sort().join(", ");
  const saved = Object.keys(checkpoint.params).sort().join(", ");
  jax.tree.dispose(fresh);
  if (names !== saved) throw new ConfigError(`the checkpoint's parameters (${saved}) do not fit the model (${names})`, "resume", "params", saved);
  const decode = (record: Checkpoint["params"], kind: string) =>
    Object.fromEntries(Object.entries(record).map(([name, data]) => [name, fromTensorData(data, `checkpoint ${kind} "${name}"`)]));
  const log = checkpoint.log && { steps: parseSpec(stepRowSchema.array(), checkpoint.log.steps, "resume.log.steps"), epochs: parseSpec(epochRowSchema.array(), checkpoint.log.epochs, "resume.log.epochs") };
  const params = decode(checkpoint.params, "parameter");
  const buffers = decode(checkpoint.buffers, "buffer");
  let optState: OptimizerState;
  try {
    optState = optimizer.loadState(checkpoint.optimizer as OptimizerStateData, params);
  } catch (error) {
    jax.tree.dispose([params, buffers]);
    throw error;
  }
  if (scheduler && checkpoint.scheduler) scheduler.load(checkpoint.scheduler);
  return { params, buffers, optState, epoch: checkpoint.epoch, step: checkpoint.step, log };
}
