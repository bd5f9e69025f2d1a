/**
 * The run config of `lrkit train` (YAML or JSON). The nested specs — data, model, optimizer,
 * scheduler, clip — are validated by their own factories, which name the key they reject; this
 * schema checks the top level and fills defaults.
 *
 *   data: { name: mnist }                       # or { csv: path, label: col }; dir optional
 *   model: { preset: cnn }
 *   loss: cross_entropy                         # or { type: CrossEntropyLoss, label_smoothing: 0.1 }
 *   optimizer: { type: SGD, lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 5.0e-4 }
 *   scheduler: { type: OneCycleLR, max_lr: 0.1 }  # total_steps inferred from epochs when omitted
 *   clip: { max_norm: 1.0 }
 *   epochs: 2
 *   batch_size: 64
 *   seed: 0
 */
import { z } from "zod";
import { parseSpec } from "../spec/index.js";

const earlyStoppingSpec = z.strictObject({
  monitor: z.string().default("loss"),
  mode: z.enum(["min", "max"]).default("min"),
  patience: z.number().int().min(1).default(3),
  min_delta: z.number().min(0).default(0),
  restore_best: z.boolean().default(true),
});

const divergenceSpec = z.strictObject({
  factor: z.number().gt(1).default(4),
  warmup_steps: z.number().int().min(0).default(10),
  beta: z.number().min(0).lt(1).default(0.98),
});

export const runConfigSchema = z.strictObject({
  data: z.record(z.string(), z.unknown()),
  model: z.record(z.string(), z.unknown()),
  loss: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  optimizer: z.record(z.string(), z.unknown()),
  scheduler: z.record(z.string(), z.unknown()).optional(),
  clip: z.record(z.string(), z.unknown()).optional(),
  epochs: z.number().int().positive(),
  batch_size: z.number().int().positive(),
  seed: z.number().int().default(0),
  val_fraction: z.number().min(0).lt(1).default(0.1),
  standardize: z.union([z.literal("auto"), z.boolean()]).default("auto"),
  early_stopping: earlyStoppingSpec.optional(),
  divergence: z.union([divergenceSpec, z.literal(false)]).default({ factor: 4, warmup_steps: 10, beta: 0.98 }),
  checkpoint_every: z.number().int().positive().optional(),
});

export type RunConfig = z.output<typeof runConfigSchema>;

export function parseRunConfig(input: unknown, where = "config"): RunConfig {
  return parseSpec(runConfigSchema, input, where);
}
