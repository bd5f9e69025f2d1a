/**
 * A range test from the run config of `lrkit train`: the same validation split and
 * standardisation, objective, model (seeded init), optimizer and clipping, and the same seeded
 * batches, so the curve describes the run that config would train. The scheduler, divergence
 * guard, early stopping and `epochs` are not used: the test sets η itself and runs `numIter` steps.
 *
 * With `valSamples`, each step is scored on that many samples of the validation part (a seeded
 * random subset, fixed for the whole test) instead of the step's training loss.
 */
import { permutation, purpose, seededGenerator, subset, type Dataset, type TrainTest } from "../data/index.js";
import { jax } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { createModel } from "../nn/index.js";
import { createClipping, createOptimizer } from "../optim/index.js";
import { batchSource, createObjective, parseRunConfig, prepareData, type RunConfig } from "../train/index.js";
import { lrRangeTest, type RangeTestOptions, type RangeTestResult } from "./range-test.js";
import type { RangeTestSettings, SettingNames } from "./settings.js";

export interface RangeTestFromConfigOptions extends Partial<RangeTestSettings> {
  data: TrainTest;
  /** Score each step on this many validation samples instead of the training loss. */
  valSamples?: number;
  onStep?: RangeTestOptions["onStep"];
  names?: SettingNames & { valSamples?: string };
  /** Where config errors point, e.g. the config file's name. */
  where?: string;
}

export interface RangeTestFromConfigResult extends RangeTestResult {
  config: RunConfig;
}

export async function rangeTestFromConfig(input: unknown, options: RangeTestFromConfigOptions): Promise<RangeTestFromConfigResult> {
  const where = options.where ?? "config";
  const config = parseRunConfig(input, where);
  const { train, val } = prepareData(options.data, config);
  const validation = options.valSamples === undefined ? undefined : validationSubset(val, options.valSamples, config, options.names?.valSamples ?? "valSamples");
  const objective = createObjective(train, config.loss, `${where}.loss`);
  const model = createModel(config.model, train.sampleShape, objective.outputs);
  const optimizer = createOptimizer(config.optimizer as never, `${where}.optimizer`);
  const clip = config.clip ? createClipping(config.clip, `${where}.clip`) : undefined;
  const { params, buffers } = model.init({ seed: config.seed });
  try {
    const result = await lrRangeTest({
      ...options,
      model,
      loss: objective.loss,
      optimizer,
      clip,
      params,
      buffers,
      train: batchSource(train, { batchSize: config.batch_size, seed: config.seed }),
      validation,
      seed: config.seed,
      where,
    });
    return { ...result, config };
  } finally {
    jax.tree.dispose([params, buffers]);
  }
}

function validationSubset(val: Dataset | undefined, samples: number, config: RunConfig, name: string): Dataset {
  if (!(Number.isInteger(samples) && samples >= 1)) {
    throw new ConfigError(`${name} must be a whole number ≥ 1; got ${samples}`, name, name, samples);
  }
  if (!val) {
    throw new ConfigError(`${name}: the config has val_fraction 0, so there is no validation part to score the test on; set val_fraction > 0 or drop ${name}`, name, name, samples);
  }
  const order = permutation(val.n, seededGenerator(config.seed, purpose.split, 1));
  return subset(val, order.subarray(0, Math.min(samples, val.n)), `${val.name}/range-test`);
}
