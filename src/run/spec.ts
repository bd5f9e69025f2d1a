/**
 * `RunSpec`: what one training run is, as a run config (YAML or JSON) of `lrkit train` writes it,
 * checked and typed in one pass. Each part is the spec of the module that builds it — the dataset
 * (`data/`), the model preset (`nn/`), the loss, the optimizer and clipping (`optim/`), the
 * scheduler (`schedules/`) — parsed by that module's own parser, so its errors name the key under
 * `where` ("run.yaml: optimizer.lr: …") exactly as the module would, and the trainer's own keys
 * are checked here:
 *
 *   data: { name: mnist }                       # or { csv: path, label: col }; dir optional (where to load it from)
 *   model: { preset: cnn }                      # mlp: hidden [256] by default
 *   loss: cross_entropy                         # or { type: CrossEntropyLoss, label_smoothing: 0.1 }
 *   optimizer: { type: SGD, lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 5.0e-4 }
 *   scheduler: { type: OneCycleLR, max_lr: 0.1 }  # total_steps inferred from epochs when omitted
 *   clip: { max_norm: 1.0 }
 *   epochs: 2
 *   batch_size: 64
 *   seed: 0
 *   sharpness: { every: 50, iters: 20 }          # optional: λ_max of the Hessian every 50 steps
 *                                                # (preconditioned: true adds λ_max(P⁻¹H) for Adam, AdamW, RMSprop)
 *
 * What needs the data — that a `monitor` names a metric the task reports, that the loss fits the
 * task, the steps per epoch — is checked by `buildRun`, still before any training.
 */
import { z } from "zod";
import { parseDatasetSpec, type CsvDatasetSpec, type NamedDatasetSpec } from "../data/index.js";
import { ConfigError } from "../errors.js";
import { parseModelSpec, type LossSpec, type ModelSpec } from "../nn/index.js";
import { parseClippingSpec, parseOptimizerSpec, type ResolvedClipping, type ResolvedOptimizerSpec } from "../optim/index.js";
import { parseSchedulerSpec, type SchedulerSpec } from "../schedules/index.js";
import { parseSpec } from "../spec/index.js";
import { parseLossSpec, preconditionedTypes } from "../train/index.js";

const earlyStoppingSpec = z.strictObject({
  monitor: z.string().default("loss"),
  mode: z.enum(["min", "max"]).default("min"),
  patience: z.number().int().min(1).default(3),
  min_delta: z.number().min(0).default(0),
  restore_best: z.boolean().default(true),
});

/**
 * Sharpness probe: λ_max of the training loss's Hessian every `every` steps, `iters` power
 * iterations each; `preconditioned` (Adam, AdamW, RMSprop) adds λ_max(P⁻¹H) with the optimizer's
 * preconditioner.
 */
const sharpnessSpec = z.strictObject({
  every: z.number().int().positive(),
  iters: z.number().int().min(1).default(20),
  preconditioned: z.boolean().default(false),
});

const divergenceSpec = z.strictObject({
  factor: z.number().gt(1).default(4),
  warmup_steps: z.number().int().min(0).default(10),
  beta: z.number().min(0).lt(1).default(0.98),
});

/** The run's own keys; every sub-spec is only required (or allowed) to be there: its module checks it. */
const runKeys = z.strictObject({
  data: z.unknown().optional(),
  model: z.custom<unknown>((v) => v !== undefined, "it is missing; e.g. model: { preset: cnn }"),
  loss: z.unknown().optional(),
  optimizer: z.custom<unknown>((v) => v !== undefined, "it is missing; e.g. optimizer: { type: Adam, lr: 0.001 }"),
  scheduler: z.unknown().optional(),
  clip: z.unknown().optional(),
  epochs: z.number().int().positive(),
  batch_size: z.number().int().positive(),
  seed: z.number().int().default(0),
  val_fraction: z.number().min(0).lt(1).default(0.1),
  standardize: z.union([z.literal("auto"), z.boolean()]).default("auto"),
  early_stopping: earlyStoppingSpec.optional(),
  divergence: z.union([divergenceSpec, z.literal(false)]).default({ factor: 4, warmup_steps: 10, beta: 0.98 }),
  checkpoint_every: z.number().int().positive().optional(),
  sharpness: sharpnessSpec.optional(),
});

/** The top-level keys of a run config. */
export const runSpecKeys: readonly string[] = Object.keys(runKeys.shape);

/** The dataset and, optionally, the folder to read it from. */
export type DataSpec = (NamedDatasetSpec | CsvDatasetSpec) & { dir?: string };

/** The scheduler, with the validation metric a ReduceLROnPlateau (or any scheduler given one) watches. */
export type RunScheduler = SchedulerSpec & { monitor?: string };

export type RunSpec = Omit<z.output<typeof runKeys>, "data" | "model" | "loss" | "optimizer" | "scheduler" | "clip"> & {
  /** Where the data comes from; a caller that hands the data over (`runTraining(spec, { data })`) may leave it out. */
  data?: DataSpec;
  model: ModelSpec;
  loss?: LossSpec;
  optimizer: ResolvedOptimizerSpec;
  scheduler?: RunScheduler;
  clip?: ResolvedClipping;
};

/** Checks a run config and types it; a bad key or value anywhere is one ConfigError naming it under `where`. */
export function parseRunSpec(input: unknown, where = "config"): RunSpec {
  const { data, model, loss, optimizer, scheduler, clip, ...run } = parseSpec(runKeys, input, where);
  const resolvedOptimizer = parseOptimizerSpec(optimizer, `${where}.optimizer`);
  if (run.sharpness?.preconditioned && !preconditionedTypes.includes(resolvedOptimizer.type)) {
    throw new ConfigError(
      `${where}.sharpness.preconditioned: the preconditioned sharpness λ_max(P⁻¹H) needs an adaptive optimizer's preconditioner (${preconditionedTypes.join(", ")}); optimizer.type is ${resolvedOptimizer.type}, whose plain λ_max against 2/η is probed without it: drop preconditioned`,
      where,
      "sharpness.preconditioned",
      true,
    );
  }
  return {
    ...run,
    ...(data === undefined ? {} : { data: parseDataSpec(data, `${where}.data`) }),
    model: parseModelSpec(model, `${where}.model`),
    ...(loss === undefined ? {} : { loss: parseLossSpec(loss, `${where}.loss`) }),
    optimizer: resolvedOptimizer,
    ...(scheduler === undefined ? {} : { scheduler: parseRunScheduler(scheduler, resolvedOptimizer.lr, run.epochs, `${where}.scheduler`) }),
    ...(clip === undefined ? {} : { clip: parseClippingSpec(clip, `${where}.clip`) }),
  };
}

function parseDataSpec(input: unknown, where: string): DataSpec {
  if (input === null || typeof input !== "object" || !("dir" in input)) return parseDatasetSpec(input, where);
  const { dir, ...dataset } = input;
  if (typeof dir !== "string" || dir === "") {
    throw new ConfigError(`${where}.dir: expected the path of a data folder; got ${JSON.stringify(dir)}`, where, "dir", dir);
  }
  return { ...parseDatasetSpec(dataset, where), dir };
}

const nominalStepsPerEpoch = 1000;

/**
 * The scheduler spec with `monitor` taken off (the trainer reads it) and the rest checked by
 * building it once, on the optimizer's η and a nominal `nominalStepsPerEpoch` steps per epoch: the real
 * length needs the data, and `buildRun` checks the scheduler again on it. A nominal length this long
 * keeps a one-cycle phase or a SequentialLR milestone from looking empty when the real run is not.
 */
function parseRunScheduler(input: unknown, lr: number, epochs: number, where: string): RunScheduler {
  const { monitor, ...spec } = (input !== null && typeof input === "object" ? input : { type: input }) as Record<string, unknown>;
  if (monitor !== undefined && typeof monitor !== "string") {
    throw new ConfigError(`${where}.monitor: expected the name of a validation metric (e.g. "loss"); got ${JSON.stringify(monitor)}`, where, "monitor", monitor);
  }
  const checked = parseSchedulerSpec(input === null || typeof input !== "object" ? input : spec, lr, { totalSteps: epochs * nominalStepsPerEpoch }, where);
  return monitor === undefined ? checked : { ...checked, monitor };
}
