/**
 * `createScheduler`: a `Scheduler` from a spec that uses PyTorch's class and argument names,
 * e.g. `{ "type": "StepLR", "step_size": 7, "gamma": 0.5 }`, with nested specs under
 * `"schedulers"` for SequentialLR and ChainedScheduler, or a closed-form schedule type from
 * `closed/`. Every spec may carry `"interval": "step" | "epoch"` (default "step"), read by the
 * trainer; nested specs may not (the outermost one's governs).
 */
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { closestName, parseSpec } from "../spec/index.js";
import { closedFormFromSpec, closedFormTypes, type ClosedFormScheduleSpec } from "./closed/spec.js";
import { chainedSchedulerKind } from "./torch/chained-scheduler.js";
import { ClosedFormScheduler } from "./torch/closed-form.js";
import { constantLRKind } from "./torch/constant-lr.js";
import { cosineAnnealingLRKind } from "./torch/cosine-annealing-lr.js";
import { cosineAnnealingWarmRestartsKind } from "./torch/cosine-annealing-warm-restarts.js";
import { cyclicLRKind } from "./torch/cyclic-lr.js";
import { exponentialLRKind } from "./torch/exponential-lr.js";
import { intervalSchema, type Interval, type SchedulerKind } from "./torch/kind.js";
import { linearLRKind } from "./torch/linear-lr.js";
import { multiStepLRKind } from "./torch/multi-step-lr.js";
import { oneCycleLRKind } from "./torch/one-cycle-lr.js";
import { newGroup, type ParamGroup } from "./torch/param-group.js";
import { polynomialLRKind } from "./torch/polynomial-lr.js";
import { reduceLROnPlateauKind } from "./torch/reduce-lr-on-plateau.js";
import { sequentialLRKind } from "./torch/sequential-lr.js";
import { stepLRKind } from "./torch/step-lr.js";
import type { Stepper } from "./torch/stepper.js";
import { TorchScheduler } from "./torch/torch-scheduler.js";
import type { Scheduler } from "./types.js";

const torchKinds = {
  StepLR: stepLRKind,
  MultiStepLR: multiStepLRKind,
  ConstantLR: constantLRKind,
  LinearLR: linearLRKind,
  ExponentialLR: exponentialLRKind,
  PolynomialLR: polynomialLRKind,
  CosineAnnealingLR: cosineAnnealingLRKind,
  CosineAnnealingWarmRestarts: cosineAnnealingWarmRestartsKind,
  CyclicLR: cyclicLRKind,
  OneCycleLR: oneCycleLRKind,
  SequentialLR: sequentialLRKind,
  ChainedScheduler: chainedSchedulerKind,
  ReduceLROnPlateau: reduceLROnPlateauKind,
};
type TorchType = keyof typeof torchKinds;

/** The PyTorch scheduler types a spec may name. */
export const torchSchedulerTypes = Object.keys(torchKinds) as TorchType[];

/** A spec for one of the PyTorch schedulers, as accepted by `createScheduler`; SequentialLR's and ChainedScheduler's `schedulers` typed as `NestedSchedulerSpec`. */
export type TorchSchedulerSpec = Exclude<TorchInput, { type: "SequentialLR" | "ChainedScheduler" }> | SequentialLRSpec | ChainedSchedulerSpec;
type TorchInput = z.input<(typeof torchKinds)[TorchType]["schema"]>;
interface SequentialLRSpec extends Omit<Extract<TorchInput, { type: "SequentialLR" }>, "schedulers"> {
  schedulers: NestedSchedulerSpec[];
}
interface ChainedSchedulerSpec extends Omit<Extract<TorchInput, { type: "ChainedScheduler" }>, "schedulers"> {
  schedulers: NestedSchedulerSpec[];
}

/** A scheduler spec as written: a PyTorch scheduler's or a closed form's, with the trainer's `interval`. */
export type SchedulerSpec = (TorchSchedulerSpec | ClosedFormScheduleSpec) & { interval?: Interval };

/** A spec inside SequentialLR or ChainedScheduler: no `interval` (the outermost one's governs), no ReduceLROnPlateau. */
export type NestedSchedulerSpec = (Exclude<TorchSchedulerSpec, { type: "ReduceLROnPlateau" }> | ClosedFormScheduleSpec) & { interval?: undefined };

export interface SchedulerContext {
  /** The number of times the trainer will step the scheduler; fills OneCycleLR's `total_steps` when the spec leaves it out. */
  totalSteps?: number;
  /**
   * How the trainer counted `totalSteps` ("2 epochs × 844 batches"), given when it is the run's
   * real step count rather than a nominal one: a OneCycleLR cycle the spec gives, at any depth,
   * must then cover the steps it will take (a ConfigError naming its key otherwise).
   */
  howCounted?: string;
}

/**
 * Build a scheduler from `spec` on an optimizer whose learning rate is `baseLr` (torch's
 * `initial_lr`). The spec is typed (see `SchedulerSpec`) and checked at run time all the same: one
 * read from JSON or YAML goes to `schedulerFromInput`. A spec that cannot be used is a ConfigError
 * naming the key (under `where`, e.g. `scheduler.schedulers[1].T_max`), the value and what is
 * valid.
 */
export function createScheduler(spec: SchedulerSpec, baseLr: number, context: SchedulerContext = {}, where = "scheduler"): Scheduler {
  return schedulerFromInput(spec, baseLr, context, where);
}

/** `createScheduler` for a spec of unknown shape (a config file, the command line, a form): checked, then built. */
export function schedulerFromInput(input: unknown, baseLr: number, context: SchedulerContext = {}, where = "scheduler"): Scheduler {
  const { totalSteps, howCounted } = context;
  if (totalSteps !== undefined && !(Number.isInteger(totalSteps) && totalSteps > 0)) {
    throw new ConfigError(`${where}: the trainer's totalSteps must be a positive integer; got ${String(totalSteps)}`, where, "totalSteps", totalSteps);
  }
  const group = newGroup(baseLr, where);
  const stepsTaken = howCounted === undefined ? undefined : `the run takes (${howCounted})`;
  const { stepper, type, interval } = build(input, group, where, totalSteps, stepsTaken, false);
  return new TorchScheduler(type, group, stepper, interval ?? "step");
}

/** The checks of `schedulerFromInput` without keeping the scheduler: `input`, known to build, as a `SchedulerSpec`. */
export function parseSchedulerSpec(input: unknown, baseLr: number, context: SchedulerContext = {}, where = "scheduler"): SchedulerSpec {
  schedulerFromInput(input, baseLr, context, where);
  return input as SchedulerSpec;
}

interface Built {
  stepper: Stepper;
  type: string;
  interval: Interval | undefined;
}

function build(spec: unknown, group: ParamGroup, where: string, totalSteps: number | undefined, stepsTaken: string | undefined, nested: boolean): Built {
  const type = typeOf(spec, where);
  if (nested && type === "ReduceLROnPlateau") {
    throw new ConfigError(
      `${where}.type: ReduceLROnPlateau steps on a metric and cannot be nested in SequentialLR or ChainedScheduler (torch cannot either); use it on its own`,
      where,
      "type",
      type,
    );
  }
  const { interval } = parseSpec(intervalSpec, spec, where);
  if (nested && interval !== undefined) {
    throw new ConfigError(`${where}.interval: only the outermost scheduler takes an interval; got "${interval}"`, where, "interval", interval);
  }
  if (!isTorchType(type)) {
    const { interval: _interval, ...closedSpec } = spec as Record<string, unknown>;
    const schedule = closedFormFromSpec(closedSpec, group.initial_lr ?? group.lr, where);
    return { stepper: new ClosedFormScheduler(group, schedule), type, interval };
  }
  const kind: SchedulerKind = torchKinds[type];
  const parsed = parseSpec(kind.schema, spec, where);
  const nestedBuild = (child: unknown, childWhere: string, childTotal: number | undefined, childTaken: string | undefined) => build(child, group, childWhere, childTotal, childTaken, true).stepper;
  return { stepper: kind.build(parsed, group, { where, totalSteps, stepsTaken, nested: nestedBuild }), type, interval };
}

const intervalSpec = z.looseObject({ interval: intervalSchema.optional() });

function isTorchType(type: string): type is TorchType {
  return Object.hasOwn(torchKinds, type);
}

/** The spec's `type`, checked against the known types (with a "did you mean" hint). */
function typeOf(spec: unknown, where: string): string {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    throw new ConfigError(`${where}: expected a scheduler spec such as {"type": "StepLR", "step_size": 10}; got ${show(spec)}`, where, undefined, spec);
  }
  const type = (spec as { type?: unknown }).type;
  const valid = [...torchSchedulerTypes, ...closedFormTypes];
  if (typeof type === "string" && valid.includes(type)) return type;
  if (type === "LambdaLR" || type === "MultiplicativeLR") {
    throw new ConfigError(`${where}.type: ${type} takes a function, which a spec cannot hold; build it from code with ${type === "LambdaLR" ? "lambdaLR" : "multiplicativeLR"}(fn, baseLr)`, where, "type", type);
  }
  const guess = typeof type === "string" ? closestName(type, valid) : undefined;
  const hint = guess ? ` (did you mean "${guess}"?)` : "";
  const given = type === undefined ? "it is missing" : `got ${show(type)}`;
  throw new ConfigError(`${where}.type: unknown scheduler type${hint}; valid: ${valid.join(", ")}; ${given}`, where, "type", type);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
