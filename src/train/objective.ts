/**
 * What a model is trained to do, from the dataset's task and the loss spec: how many outputs the
 * model needs, the loss the step minimises (with the model's output shaped to fit the targets) and
 * how host-side metrics read the outputs.
 *
 * - Multi-class classification: C logits, softmax cross-entropy against int32 labels.
 * - Binary classification with BCEWithLogitsLoss: 1 logit; the [B, 1] output is flattened to [B]
 *   and the int32 labels cast to float32.
 * - Regression: 1 output, flattened to [B], against float32 targets (MSE or Huber).
 */
import type { Dataset } from "../data/index.js";
import { jax, type JaxArray } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { createLoss, lossSpecSchema, type LossSpec } from "../nn/index.js";
import { parseSpec } from "../spec/index.js";
import type { LossFn } from "./training-loss.js";

const np = jax.numpy;

export type LossName = "CrossEntropyLoss" | "BCEWithLogitsLoss" | "MSELoss" | "HuberLoss";

export interface Objective {
  outputs: number;
  lossName: LossName;
  loss: LossFn;
}

/** Short names accepted in configs for PyTorch's loss classes. */
export const lossAliases: Record<string, LossName> = {
  cross_entropy: "CrossEntropyLoss",
  bce: "BCEWithLogitsLoss",
  mse: "MSELoss",
  huber: "HuberLoss",
};

export function defaultLoss(dataset: Dataset): LossName {
  return dataset.task === "classification" ? "CrossEntropyLoss" : "MSELoss";
}

/**
 * A loss spec as a config writes it — a name (PyTorch's or an alias) or `{ type, ...options }` —
 * checked and with the alias resolved; a bad name or option is a ConfigError under `where`.
 */
export function parseLossSpec(spec: unknown, where = "loss"): LossSpec {
  const raw = typeof spec === "string" ? { type: spec } : spec;
  const type = raw !== null && typeof raw === "object" && "type" in raw && typeof raw.type === "string" ? (lossAliases[raw.type] ?? raw.type) : undefined;
  return parseSpec(lossSpecSchema, type === undefined ? raw : { ...(raw as object), type }, where);
}

/** Builds the objective; `spec` is a loss name (PyTorch's or an alias) or `{ type, ...options }`, by default the task's. */
export function createObjective(dataset: Dataset, spec?: unknown, where = "loss"): Objective {
  const parsed = spec === undefined ? { type: defaultLoss(dataset) } : parseLossSpec(spec, where);
  const type = parsed.type;
  const base = createLoss(parsed);
  const classes = dataset.task === "classification" ? dataset.classes.length : 0;
  if (type === "CrossEntropyLoss") {
    if (dataset.task !== "classification") throw lossMismatch(where, type, dataset);
    return { outputs: classes, lossName: type, loss: base };
  }
  if (type === "BCEWithLogitsLoss") {
    if (dataset.task !== "classification" || classes !== 2) throw lossMismatch(where, type, dataset);
    return { outputs: 1, lossName: type, loss: (out: JaxArray, y: JaxArray) => base(flat(out), y.astype(np.float32)) };
  }
  if (dataset.task !== "regression") throw lossMismatch(where, type, dataset);
  return { outputs: 1, lossName: type, loss: (out: JaxArray, y: JaxArray) => base(flat(out), y) };
}

function flat(output: JaxArray): JaxArray {
  return output.reshape([output.shape[0]!]);
}

function lossMismatch(where: string, type: LossName, dataset: Dataset): ConfigError {
  const task = dataset.task === "classification" ? `classification with ${dataset.classes.length} classes` : "regression";
  const fits = dataset.task === "regression" ? "MSELoss, HuberLoss" : dataset.classes.length === 2 ? "CrossEntropyLoss, BCEWithLogitsLoss" : "CrossEntropyLoss";
  return new ConfigError(`${where}: ${type} does not fit ${dataset.name} (${task}); valid: ${fits}`, where, "type", type);
}
