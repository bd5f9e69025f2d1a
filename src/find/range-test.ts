/**
 * Smith's LR range test (2017, "Cyclical Learning Rates for Training Neural Networks", §3.3) as
 * fastai's `lr_find` runs it: train from the given state for `numIter` steps while η grows from
 * `startLr` to `endLr` (exponentially by default), record the smoothed loss at every step, stop
 * early when it diverges, and suggest learning rates from the curve (see `suggestions/`).
 *
 * The caller's params, buffers and optimizer state are borrowed, never consumed: jax-js arrays are
 * immutable, so the test trains on new references and the originals are, bit for bit, the state
 * "restored" afterwards (fastai saves and reloads the model to the same end).
 *
 * Cost: with `accumulationSteps` 1 each step is one step of `createTrainer` (the same jitted step,
 * the same two scalars read back), so the test costs what `numIter` training steps cost plus the
 * smoothing on the host. With a `validation` set each step also runs one forward pass over it
 * (see validation-loss.ts); with k accumulation steps, k gradient passes and one update.
 */
import { mixSeed, purpose, type Dataset } from "../data/index.js";
import { jax, type Params } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import type { Optimizer, OptimizerState } from "../optim/index.js";
import { createTrainer, type ArrayBatch, type BatchSource, type Callback, type LossFn, type TrainableModel } from "../train/index.js";
import { createAccumulatingStep } from "./accumulating-step.js";
import { lossMonitor, type RangeTestStop } from "./loss-monitor.js";
import { lrSequence } from "./lr-sequence.js";
import { rangeTestSettings, type RangeTestSettings, type SettingNames } from "./settings.js";
import { suggestLrs, type Suggestions } from "./suggestions/index.js";
import { validationLoss } from "./validation-loss.js";

export interface RangeTestOptions extends Partial<RangeTestSettings> {
  model: TrainableModel;
  loss: LossFn;
  /** The optimizer, with its clipping (`withClipping`) when the run clips. */
  optimizer: Optimizer;
  /** The starting point; borrowed, never consumed. */
  params: Params;
  buffers?: Params;
  /** Optimizer state to start from (borrowed); a fresh `optimizer.init(params)` when omitted. */
  optState?: OptimizerState;
  train: BatchSource;
  /** Score each step by the mean loss on this fixed set (eval mode) instead of the step's training loss. */
  validation?: Dataset;
  /** Seed of the dropout keys. */
  seed?: number;
  /** Called after every step (for progress). */
  onStep?: (point: RangeTestPoint) => void;
  /** How errors name the settings (e.g. the CLI's flags); default their names here. */
  names?: SettingNames;
  where?: string;
}

export interface RangeTestPoint {
  step: number;
  numIter: number;
  lr: number;
  loss: number;
  smoothed: number;
}

export interface RangeTestResult {
  settings: RangeTestSettings;
  /** The η of every step taken. */
  lrs: number[];
  /** The smoothed loss at every step: the curve the suggestions read. */
  losses: number[];
  /** The loss of every step as measured (training loss of the step, or validation loss after it). */
  rawLosses: number[];
  lossKind: "train" | "validation";
  suggestions: Suggestions;
  /** Why the test ended before `numIter` steps, if it did. */
  stopped: RangeTestStop | undefined;
  seconds: number;
}

/** After a step: its η, its training loss and the state it produced (borrowed); true ends the test. */
type Observe = (lr: number, trainLoss: number, params: Params, buffers: Params) => Promise<boolean>;

export async function lrRangeTest(options: RangeTestOptions): Promise<RangeTestResult> {
  const where = options.where ?? "lrRangeTest";
  const { startLr, endLr, numIter, mode, divergeThreshold, beta, accumulationSteps } = options;
  const settings = rangeTestSettings({ startLr, endLr, numIter, mode, divergeThreshold, beta, accumulationSteps }, options.names, where);
  if (options.train.batchesPerEpoch === 0) throw new ConfigError(`${where}: the training data has no batches`, where, "train", 0);
  const lrs = lrSequence(settings.startLr, settings.endLr, settings.numIter, settings.mode);
  const monitor = lossMonitor(settings.beta, settings.divergeThreshold);
  const validation = options.validation && validationLoss(options.model, options.loss, options.validation);
  let stopped: RangeTestStop | undefined;
  const observe: Observe = async (lr, trainLoss, params, buffers) => {
    const loss = validation ? await validation.evaluate(params, buffers) : trainLoss;
    stopped = monitor.record(lr, loss);
    const step = monitor.raw.length - 1;
    options.onStep?.({ step, numIter: settings.numIter, lr, loss, smoothed: monitor.smoothed[step]! });
    return stopped !== undefined || monitor.raw.length === lrs.length;
  };

  const started = performance.now();
  try {
    await (settings.accumulationSteps === 1 ? runFused(options, lrs, observe) : runAccumulated(options, lrs, settings.accumulationSteps, observe));
  } finally {
    validation?.dispose();
  }
  if (!Number.isFinite(monitor.raw[0])) {
    const startName = options.names?.startLr ?? "startLr";
    throw new ConfigError(
      `${where}: the ${validation ? "validation" : "training"} loss was ${monitor.raw[0]} from the first step (η = ${settings.startLr}), so there is no curve to read. ` +
        `Try a smaller ${startName} (e.g. ${Number((settings.startLr / 100).toPrecision(3))}); if that does not help, the model's initial loss is not finite ` +
        "(the first training loss is measured before any update): check the data for NaN or infinite values and the loss against the targets.",
      where,
      startName,
      settings.startLr,
    );
  }
  const curve = { lrs: [...monitor.lrs], losses: [...monitor.smoothed] };
  return {
    settings,
    lrs: curve.lrs,
    losses: curve.losses,
    rawLosses: [...monitor.raw],
    lossKind: validation ? "validation" : "train",
    suggestions: suggestLrs(curve, settings.numIter),
    stopped,
    seconds: (performance.now() - started) / 1000,
  };
}

/** One trainer step per η: `beforeBatch` sets η, `afterBatch` records the loss and may end the fit. */
async function runFused(options: RangeTestOptions, lrs: readonly number[], observe: Observe): Promise<void> {
  const { model, loss, optimizer, train } = options;
  const trainer = createTrainer({ model, loss, optimizer, lr: lrs[0]! });
  const sweep: Callback = {
    beforeBatch(state) {
      state.lr = lrs[state.step]!;
    },
    async afterBatch(state) {
      if (await observe(state.lr, state.loss, state.params, state.buffers)) state.stop = { kind: "user", reason: "LR range test finished" };
    },
  };
  try {
    const out = await trainer.fit({
      params: jax.tree.ref(options.params),
      buffers: jax.tree.ref(options.buffers ?? {}),
      optState: options.optState && jax.tree.ref(options.optState),
      train,
      epochs: Math.ceil(lrs.length / train.batchesPerEpoch),
      seed: options.seed ?? 0,
      callbacks: [sweep],
    });
    jax.tree.dispose([out.params, out.buffers, out.optState]);
  } finally {
    trainer.dispose();
  }
}

/** k batches per η through the accumulating step, drawn from consecutive epochs of the source. */
async function runAccumulated(options: RangeTestOptions, lrs: readonly number[], k: number, observe: Observe): Promise<void> {
  const { model, loss, optimizer } = options;
  const step = createAccumulatingStep({ model, loss, optimizer });
  let params = jax.tree.ref(options.params);
  let buffers = jax.tree.ref(options.buffers ?? {});
  let optState = options.optState ? jax.tree.ref(options.optState) : optimizer.init(options.params);
  const stream = endless(options.train);
  try {
    for (let i = 0; i < lrs.length; i++) {
      const batches: ArrayBatch[] = [];
      for (let j = 0; j < k; j++) batches.push(stream.next().value as ArrayBatch);
      const seeds = batches.map((_, j) => mixSeed(options.seed ?? 0, purpose.dropout, i * k + j));
      const out = await step.step(params, buffers, optState, batches, lrs[i]!, seeds);
      ({ params, buffers, optState } = out);
      if (await observe(lrs[i]!, out.loss, params, buffers)) break;
    }
  } finally {
    jax.tree.dispose([params, buffers, optState]);
    step.dispose();
  }
}

function* endless(source: BatchSource): Generator<ArrayBatch, never> {
  for (let epoch = 0; ; epoch++) yield* source.epoch(epoch);
}

