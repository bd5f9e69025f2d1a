/**
 * A whole training run from a config (what `lrkit train` does), on data already loaded:
 *
 * 1. split a validation part off the training set (seeded, stratified; `val_fraction`), and
 *    standardise tabular features with statistics of the training part only;
 * 2. build the objective (loss and outputs from the task), the model (seeded init), the optimizer,
 *    the scheduler (OneCycleLR's `total_steps` inferred from epochs × batches when omitted), clipping;
 * 3. fit with the callbacks the config asks for — scheduling, plateau reduction on a validation
 *    metric, divergence guard, early stopping, checkpoints — plus the caller's (progress, run log);
 * 4. evaluate on the validation and test sets (at Schedule-Free's x where that applies).
 *
 * Resuming from a checkpoint restores params, buffers, optimizer and scheduler state and the
 * counters; batch order and dropout keys depend only on (seed, epoch, step), so two epochs in one
 * go equal one epoch, a checkpoint, and one more epoch, bit for bit.
 */
import { fitStandardizer, trainTestSplit, type Dataset, type TrainTest } from "../data/index.js";
import { jax, type Params } from "../engine/index.js";
import { fromTensorData } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { createModel, type Model } from "../nn/index.js";
import { createClipping, createOptimizer, type Optimizer, type OptimizerState, type OptimizerStateData } from "../optim/index.js";
import { createScheduler, type Scheduler } from "../schedules/index.js";
import type { Callback, Metrics, TrainState } from "./callback.js";
import { batchSource } from "./batches.js";
import { checkpointing } from "./callbacks/checkpointing.js";
import { divergenceGuard } from "./callbacks/divergence-guard.js";
import { earlyStopping } from "./callbacks/early-stopping.js";
import { history, type History } from "./callbacks/history.js";
import { scheduleLr } from "./callbacks/schedule-lr.js";
import type { Checkpoint } from "./checkpoint.js";
import { createEvaluator } from "./evaluate.js";
import { createObjective } from "./objective.js";
import { parseRunConfig, type RunConfig } from "./run-config.js";
import { createTrainer } from "./trainer.js";

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
}

export interface TrainingRunResult {
  config: RunConfig;
  metrics: { val: Metrics; test: Metrics };
  epochs: number;
  steps: number;
  wall_seconds: number;
  lr_final: number;
  stopped: TrainState["stop"];
  history: History;
  model: Model;
  params?: Params;
  buffers?: Params;
}

export async function runTraining(input: unknown, options: TrainingRunOptions): Promise<TrainingRunResult> {
  const where = options.where ?? "config";
  const config = parseRunConfig(input, where);
  const started = performance.now();
  const { train, val, test } = prepareData(options.data, config);

  const objective = createObjective(train, config.loss, `${where}.loss`);
  const model = createModel(config.model, train.sampleShape, objective.outputs);
  const optimizer = createOptimizer(config.optimizer as never, `${where}.optimizer`);
  const lr = optimizer.defaults.lr as number;
  const source = batchSource(train, { batchSize: config.batch_size, seed: config.seed });
  const { scheduler, monitor } = buildScheduler(config, lr, source.batchesPerEpoch, where);
  const clip = config.clip ? createClipping(config.clip, `${where}.clip`) : undefined;

  const start = options.resume ? restore(options.resume, model, optimizer, scheduler, config) : { ...model.init({ seed: config.seed }), optState: undefined, epoch: 0, step: 0 };
  const log = history();
  const callbacks: Callback[] = [log];
  if (scheduler) callbacks.push(scheduleLr(scheduler, monitor === undefined ? {} : { metric: monitor }));
  if (config.divergence) callbacks.push(divergenceGuard({ factor: config.divergence.factor, warmupSteps: config.divergence.warmup_steps, beta: config.divergence.beta }));
  if (config.early_stopping) {
    const e = config.early_stopping;
    callbacks.push(earlyStopping({ monitor: e.monitor, mode: e.mode, patience: e.patience, minDelta: e.min_delta, restoreBest: e.restore_best }));
  }
  if (options.saveCheckpoint) {
    callbacks.push(checkpointing({ optimizer, scheduler, seed: config.seed, everyEpochs: config.checkpoint_every, save: options.saveCheckpoint }));
  }
  callbacks.push(...(options.callbacks ?? []));

  const trainer = createTrainer({ model, loss: objective.loss, optimizer, clip, lr, momentum: scheduler?.momentum });
  const evaluator = createEvaluator(model, objective);
  const evaluateAt = async (params: Params, buffers: Params, optState: OptimizerState, dataset: Dataset): Promise<Metrics> => {
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
    train: source,
    epochs: config.epochs,
    startEpoch: start.epoch,
    startStep: start.step,
    seed: config.seed,
    callbacks,
    validate: val ? (state) => evaluateAt(state.params, state.buffers, state.optState, val) : undefined,
  });

  const metrics = {
    val: val ? await evaluateAt(out.params, out.buffers, out.optState, val) : {},
    test: await evaluateAt(out.params, out.buffers, out.optState, test),
  };
  trainer.dispose();
  evaluator.dispose();
  jax.tree.dispose(out.optState);
  const result: TrainingRunResult = {
    config,
    metrics,
    epochs: out.epochs,
    steps: out.steps,
    wall_seconds: (performance.now() - started) / 1000,
    lr_final: log.steps.lr.at(-1) ?? lr,
    stopped: out.stopped,
    history: log,
    model,
  };
  if (options.keepParams) return { ...result, params: out.params, buffers: out.buffers };
  jax.tree.dispose({ params: out.params, buffers: out.buffers });
  return result;
}

/**
 * Validation split (seeded, stratified) and standardisation fitted on the training part: by
 * default (`standardize: auto`) for flat feature vectors, per feature; with `standardize: true`
 * also for images, per channel.
 */
export function prepareData(data: TrainTest, config: RunConfig): { train: Dataset; val: Dataset | undefined; test: Dataset } {
  let train: Dataset = data.train;
  let val: Dataset | undefined;
  if (config.val_fraction > 0) {
    const split = trainTestSplit(data.train, { testFraction: config.val_fraction, seed: config.seed });
    train = split.train;
    val = split.test;
  }
  const standardize = config.standardize === "auto" ? train.sampleShape.length === 1 : config.standardize;
  if (!standardize) return { train, val, test: data.test };
  const standardizer = fitStandardizer(train, { per: train.sampleShape.length === 3 ? "channel" : "feature" });
  return { train: standardizer.apply(train), val: val && standardizer.apply(val), test: standardizer.apply(data.test) };
}

/**
 * The scheduler from the config, with `total_steps` (OneCycleLR) inferred from the run's length
 * and the trainer-only keys taken off the spec: `interval` stays, `monitor` (the validation metric
 * a ReduceLROnPlateau watches, default "loss") is read here.
 */
function buildScheduler(config: RunConfig, lr: number, batchesPerEpoch: number, where: string): { scheduler?: Scheduler; monitor?: string } {
  if (!config.scheduler) return {};
  const { monitor, ...spec } = config.scheduler as { monitor?: unknown; interval?: unknown; type?: unknown };
  const perEpoch = spec.interval === "epoch";
  const scheduler = createScheduler(spec, lr, { totalSteps: perEpoch ? config.epochs : config.epochs * batchesPerEpoch }, `${where}.scheduler`);
  if (monitor !== undefined && typeof monitor !== "string") {
    throw new ConfigError(`${where}.scheduler.monitor: expected the name of a validation metric (e.g. "loss"); got ${JSON.stringify(monitor)}`, where, "scheduler.monitor", monitor);
  }
  const plateau = spec.type === "ReduceLROnPlateau";
  return { scheduler, monitor: plateau ? (monitor ?? "loss") : monitor };
}

function restore(checkpoint: Checkpoint, model: Model, optimizer: Optimizer, scheduler: Scheduler | undefined, config: RunConfig) {
  if (checkpoint.seed !== config.seed) {
    throw new ConfigError(`the checkpoint was written with seed ${checkpoint.seed}, the config has seed ${config.seed}; resume with the same config`, "resume", "seed", config.seed);
  }
  const fresh = model.init({ seed: config.seed });
  const names = Object.keys(fresh.params).sort().join(", ");
  const saved = Object.keys(checkpoint.params).sort().join(", ");
  jax.tree.dispose(fresh);
  if (names !== saved) throw new ConfigError(`the checkpoint's parameters (${saved}) do not fit the model (${names})`, "resume", "params", saved);
  const decode = (record: Checkpoint["params"], kind: string) =>
    Object.fromEntries(Object.entries(record).map(([name, data]) => [name, fromTensorData(data, `checkpoint ${kind} "${name}"`)]));
  const params = decode(checkpoint.params, "parameter");
  const buffers = decode(checkpoint.buffers, "buffer");
  const optState = optimizer.loadState(checkpoint.optimizer as OptimizerStateData, params);
  if (scheduler && checkpoint.scheduler) scheduler.load(checkpoint.scheduler);
  return { params, buffers, optState, epoch: checkpoint.epoch, step: checkpoint.step };
}

