/**
 * `rangeTestFromConfig(config, { data })`: a range test of the run a config describes — the same
 * `buildRun` as training (splits, standardisation, objective, model with its seeded init,
 * optimizer with its clipping, the same seeded batches), so the curve describes the run that
 * config would train. The scheduler, divergence guard, early stopping and `epochs` are not used:
 * the test sets η itself and runs `numIter` steps.
 *
 * With `valSamples`, each step is scored on that many samples of the validation part (a seeded
 * random subset, fixed for the whole test) instead of the step's training loss.
 */
import { permutation, purpose, seededGenerator, subset, type Dataset, type TrainTest } from "../data/index.js";
import { jax } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { lrRangeTest, type RangeTestOptions, type RangeTestResult, type RangeTestSettings, type SettingNames } from "../find/index.js";
import { buildRun } from "./build.js";
import { parseRunSpec, type RunSpec } from "./spec.js";

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
  spec: RunSpec;
}

export async function rangeTestFromConfig(input: unknown, options: RangeTestFromConfigOptions): Promise<RangeTestFromConfigResult> {
  const where = options.where ?? "config";
  const spec = parseRunSpec(input, where);
  const run = buildRun(spec, options.data, where);
  const validation = options.valSamples === undefined ? undefined : validationSubset(run.val, options.valSamples, spec, options.names?.valSamples ?? "valSamples");
  const { params, buffers } = run.model.init({ seed: spec.seed });
  try {
    const result = await lrRangeTest({
      ...options,
      model: run.model,
      loss: run.objective.loss,
      optimizer: run.optimizer,
      params,
      buffers,
      train: run.batches,
      validation,
      seed: spec.seed,
      where,
    });
    return { ...result, spec };
  } finally {
    jax.tree.dispose([params, buffers]);
  }
}

function validationSubset(val: Dataset | undefined, samples: number, spec: RunSpec, name: string): Dataset {
  if (!(Number.isInteger(samples) && samples >= 1)) {
    throw new ConfigError(`${name} must be a whole number ≥ 1; got ${samples}`, name, name, samples);
  }
  if (!val) {
    throw new ConfigError(`${name}: the config has val_fraction 0, so there is no validation part to score the test on; set val_fraction > 0 or drop ${name}`, name, name, samples);
  }
  const order = permutation(val.n, seededGenerator(spec.seed, purpose.split, 1));
  return subset(val, order.subarray(0, Math.min(samples, val.n)), `${val.name}/range-test`);
}
