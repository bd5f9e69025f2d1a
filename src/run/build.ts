/**
 * `buildRun(spec, data)`: every part of a run, built once from its `RunSpec` and its data, for
 * whoever runs it (the trainer, the range test, a sweep trial, a queue worker):
 *
 * - the splits (`prepareData`) and the batches (seeded; a `batch_size` above the training set's
 *   size is one full batch per epoch, said in `notes`);
 * - the objective (loss and outputs from the task) and the model (seeded init comes later);
 * - the optimizer, with clipping as the first link of its chain (`withClipping`);
 * - the scheduler (OneCycleLR's `total_steps` inferred from epochs × batches when omitted) and the
 *   validation metric it watches (`monitor`; "loss" for ReduceLROnPlateau by default).
 *
 * What the spec alone could not check is checked here, before any training: that every `monitor`
 * names a metric this task's evaluation reports (and that there is a validation split to report
 * it), that a OneCycleLR cycle the spec gives covers the steps it will take (the scheduler is told
 * the run's real count and how it was counted, and checks each OneCycleLR against its own share,
 * however nested), and that a scheduler that cycles momentum meets an optimizer with a momentum
 * or β₁ to cycle (PyTorch checks this when the scheduler is made, too).
 */
import type { Dataset, TrainTest } from "../data/index.js";
import { ConfigError } from "../errors.js";
import { createModel, type Model } from "../nn/index.js";
import { buildClipping, buildOptimizer, withClipping, type Optimizer } from "../optim/index.js";
import { createScheduler, type Scheduler } from "../schedules/index.js";
import { closestName } from "../spec/index.js";
import { batchSource, createObjective, metricNames, type BatchSource, type Objective } from "../train/index.js";
import { prepareData } from "./prepare-data.js";
import type { RunSpec } from "./spec.js";

export interface BuiltRun {
  spec: RunSpec;
  train: Dataset;
  val: Dataset | undefined;
  test: Dataset;
  batches: BatchSource;
  objective: Objective;
  model: Model;
  /** The optimizer, clipping included. */
  optimizer: Optimizer;
  /** The η the run starts from (the optimizer's `lr`), which a scheduler then drives. */
  lr: number;
  scheduler: Scheduler | undefined;
  /** The validation metric the scheduler steps on, if it watches one. */
  monitor: string | undefined;
  /** What a user should know about how the spec was read (e.g. a full batch). */
  notes: string[];
}

export function buildRun(spec: RunSpec, data: TrainTest, where = "config"): BuiltRun {
  const { train, val, test } = prepareData(data, spec);
  const notes: string[] = [];
  if (spec.batch_size > train.n) {
    notes.push(`batch_size ${spec.batch_size} is more than the ${train.n} training samples: each epoch is one full batch (full-batch gradient descent, ${spec.epochs} step${spec.epochs === 1 ? "" : "s"} in all)`);
  }
  const batches = batchSource(train, { batchSize: spec.batch_size, seed: spec.seed });
  const objective = createObjective(train, spec.loss, `${where}.loss`);
  const model = createModel(spec.model, train.sampleShape, objective.outputs, `${where}.model`);
  const optimizer = buildOptimizer(spec.optimizer, `${where}.optimizer`);
  const lr = spec.optimizer.lr;
  const { scheduler, monitor } = buildScheduler(spec, lr, batches.batchesPerEpoch, where);
  if (scheduler?.momentum !== undefined && !optimizer.hasMomentum) {
    const type = spec.optimizer.type;
    throw new ConfigError(
      `${where}.scheduler: ${spec.scheduler!.type} cycles momentum, but ${type}${type === "SGD" || type === "RMSprop" ? " with momentum 0" : ""} has no momentum or beta1 to cycle; give ${where}.optimizer a momentum (e.g. 0.9) or set cycle_momentum: false`,
      where,
      "scheduler.cycle_momentum",
      true,
    );
  }
  const names = metricNames[objective.lossName];
  if (monitor !== undefined) checkMetric(monitor, "scheduler.monitor", names, val, where);
  if (spec.early_stopping) checkMetric(spec.early_stopping.monitor, "early_stopping.monitor", names, val, where);
  return {
    spec,
    train,
    val,
    test,
    batches,
    objective,
    model,
    optimizer: spec.clip ? withClipping(buildClipping(spec.clip), optimizer) : optimizer,
    lr,
    scheduler,
    monitor,
    notes,
  };
}

function buildScheduler(spec: RunSpec, lr: number, batchesPerEpoch: number, where: string): { scheduler?: Scheduler; monitor?: string } {
  if (!spec.scheduler) return {};
  const { monitor, ...schedule } = spec.scheduler;
  const totalSteps = schedule.interval === "epoch" ? spec.epochs : spec.epochs * batchesPerEpoch;
  const howCounted = schedule.interval === "epoch" ? `${spec.epochs} epochs, stepped per epoch` : `${spec.epochs} epochs × ${batchesPerEpoch} batches`;
  const scheduler = createScheduler(schedule, lr, { totalSteps, howCounted }, `${where}.scheduler`);
  return { scheduler, monitor: schedule.type === "ReduceLROnPlateau" ? (monitor ?? "loss") : monitor };
}

function checkMetric(name: string, key: string, names: readonly string[], val: Dataset | undefined, where: string): void {
  if (!names.includes(name)) {
    const guess = closestName(name, names);
    throw new ConfigError(`${where}.${key}: unknown metric "${name}"${guess ? ` (did you mean "${guess}"?)` : ""}; this run's validation metrics are ${names.join(", ")}`, where, key, name);
  }
  if (!val) {
    throw new ConfigError(`${where}.${key}: "${name}" is a validation metric, but val_fraction is 0, so there is no validation split; set val_fraction > 0 (e.g. 0.1)`, where, key, name);
  }
}
