import { z } from "zod";
import { ConfigError } from "../../errors.js";
import { kind, torchSpec, type BuildContext } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";

const positiveInt = z.number().int().positive();

export const oneCycleLRSpec = torchSpec("OneCycleLR", {
  max_lr: z.number().nonnegative(),
  total_steps: positiveInt.nullish(),
  epochs: positiveInt.nullish(),
  steps_per_epoch: positiveInt.nullish(),
  pct_start: z.number().gt(0).lt(1).default(0.3),
  anneal_strategy: z.enum(["cos", "linear"]).default("cos"),
  cycle_momentum: z.boolean().default(true),
  base_momentum: z.number().min(0).max(1).default(0.85),
  max_momentum: z.number().min(0).max(1).default(0.95),
  div_factor: z.number().positive().default(25),
  final_div_factor: z.number().positive().default(1e4),
  three_phase: z.boolean().default(false),
});
export type OneCycleLRSpec = z.input<typeof oneCycleLRSpec>;
type OneCycleLROptions = z.output<typeof oneCycleLRSpec>;

interface Phase {
  endStep: number;
  startLr: "initial_lr" | "max_lr";
  endLr: "initial_lr" | "max_lr" | "min_lr";
  startMomentum: "max_momentum" | "base_momentum";
  endMomentum: "max_momentum" | "base_momentum";
}

/**
 * OneCycleLR (Smith & Topin, "Super-Convergence"; fastai's two-phase default), as torch 1.13.
 *
 * With `initial_lr = max_lr / div_factor` and `min_lr = initial_lr / final_div_factor`, the steps
 * are split into phases ending at `pct_start·T − 1` and `T − 1` (three_phase: `pct_start·T − 1`,
 * `2·pct_start·T − 2`, `T − 1`). Within a phase from step a to b, with `p = (t − a) / (b − a)`:
 *
 *     two-phase:   initial_lr → max_lr → min_lr
 *     three-phase: initial_lr → max_lr → initial_lr → min_lr
 *     momentum (cycle_momentum): max_momentum → base_momentum → max_momentum (→ max_momentum)
 *     cos:    anneal(s, e, p) = e + (s − e) / 2 · (cos(π p) + 1)
 *     linear: anneal(s, e, p) = (e − s) · p + s
 *
 * Like torch, the scheduler may be stepped `total_steps` times (the last rate, at t = T, lies just
 * past the schedule's end) and stepping once more throws a RangeError. A phase of zero length,
 * on which torch divides by zero, is a ConfigError.
 */
export class OneCycleLR extends LRScheduler {
  private readonly phases: Phase[];

  constructor(
    group: ParamGroup,
    private readonly spec: OneCycleLROptions,
    private readonly totalSteps: number,
  ) {
    super(group);
    this.phases = phasesOf(spec, totalSteps);
    group.initial_lr = spec.max_lr / spec.div_factor;
    group.max_lr = spec.max_lr;
    group.min_lr = group.initial_lr / spec.final_div_factor;
    if (spec.cycle_momentum) {
      group.momentum = spec.max_momentum;
      group.max_momentum = spec.max_momentum;
      group.base_momentum = spec.base_momentum;
    }
    this.attach();
  }

  protected getLr(): number {
    const t = this.lastEpoch;
    if (t > this.totalSteps) {
      throw new RangeError(`OneCycleLR: tried to step ${t + 1} times; the specified number of total steps is ${this.totalSteps}`);
    }
    const anneal = this.spec.anneal_strategy === "cos" ? annealCos : annealLinear;
    let i = 0;
    let start = 0;
    while (i < this.phases.length - 1 && t > this.phases[i]!.endStep) start = this.phases[i++]!.endStep;
    const phase = this.phases[i]!;
    const p = (t - start) / (phase.endStep - start);
    if (this.spec.cycle_momentum) {
      this.group.momentum = anneal(this.group[phase.startMomentum]!, this.group[phase.endMomentum]!, p);
    }
    return anneal(this.group[phase.startLr]!, this.group[phase.endLr]!, p);
  }
}

function annealCos(start: number, end: number, p: number): number {
  return end + ((start - end) / 2) * (Math.cos(Math.PI * p) + 1);
}

function annealLinear(start: number, end: number, p: number): number {
  return (end - start) * p + start;
}

function phasesOf(spec: OneCycleLROptions, total: number): Phase[] {
  const warm = spec.pct_start * total - 1;
  const last = total - 1;
  return spec.three_phase
    ? [
        { endStep: warm, startLr: "initial_lr", endLr: "max_lr", startMomentum: "max_momentum", endMomentum: "base_momentum" },
        { endStep: 2 * spec.pct_start * total - 2, startLr: "max_lr", endLr: "initial_lr", startMomentum: "base_momentum", endMomentum: "max_momentum" },
        { endStep: last, startLr: "initial_lr", endLr: "min_lr", startMomentum: "max_momentum", endMomentum: "max_momentum" },
      ]
    : [
        { endStep: warm, startLr: "initial_lr", endLr: "max_lr", startMomentum: "max_momentum", endMomentum: "base_momentum" },
        { endStep: last, startLr: "max_lr", endLr: "min_lr", startMomentum: "base_momentum", endMomentum: "max_momentum" },
      ];
}

/**
 * The cycle length: `total_steps`, else `epochs · steps_per_epoch` (torch's order of precedence),
 * else the trainer's step count; a ConfigError when none is known or a phase would be empty.
 */
function totalStepsOf(spec: OneCycleLROptions, where: string, fromTrainer: number | undefined): number {
  const { total_steps, epochs, steps_per_epoch } = spec;
  let total = total_steps ?? fromTrainer;
  if (total_steps == null && (epochs != null || steps_per_epoch != null)) {
    if (epochs == null || steps_per_epoch == null) {
      const missing = epochs == null ? "epochs" : "steps_per_epoch";
      throw new ConfigError(`${where}.${missing}: OneCycleLR needs both epochs and steps_per_epoch (or total_steps); ${missing} is missing`, where, missing);
    }
    total = epochs * steps_per_epoch;
  }
  if (total === undefined) {
    throw new ConfigError(
      `${where}.total_steps: OneCycleLR needs total_steps, or epochs and steps_per_epoch, when the trainer does not supply the number of steps; it is missing`,
      where,
      "total_steps",
    );
  }
  let start = 0;
  for (const phase of phasesOf(spec, total)) {
    if (phase.endStep === start) {
      throw new ConfigError(
        `${where}.pct_start: pct_start ${spec.pct_start} with ${total} total steps leaves a phase of the cycle empty (torch divides by zero there); choose another pct_start`,
        where,
        "pct_start",
        spec.pct_start,
      );
    }
    start = phase.endStep;
  }
  return total;
}

/**
 * OneCycleLR throws when stepped past its cycle (as torch does), so when the trainer's count is the
 * run's real one (`stepsTaken`), a cycle the spec gives (`total_steps`, else `epochs ×
 * steps_per_epoch`) must cover it, or the run would fail part-way. The count is this scheduler's
 * own, however it is nested: the run's, a ChainedScheduler's, or its segment of a SequentialLR.
 */
function checkCycleCoversRun(spec: OneCycleLROptions, context: BuildContext): void {
  const { where, totalSteps: steps, stepsTaken } = context;
  if (steps === undefined || stepsTaken === undefined) return;
  const { total_steps, epochs, steps_per_epoch } = spec;
  const cycle =
    total_steps != null
      ? { key: "total_steps", value: total_steps, length: total_steps, given: `total_steps ${total_steps}` }
      : epochs != null && steps_per_epoch != null
        ? { key: "epochs", value: epochs, length: epochs * steps_per_epoch, given: `epochs × steps_per_epoch = ${epochs} × ${steps_per_epoch} = ${epochs * steps_per_epoch}` }
        : undefined;
  if (cycle === undefined || cycle.length >= steps) return;
  throw new ConfigError(
    `${where}.${cycle.key}: OneCycleLR's cycle (${cycle.given}) is shorter than the ${steps} steps ${stepsTaken}, and stepping past its end is an error; set ${cycle.key === "epochs" ? "epochs × steps_per_epoch" : "total_steps"} to at least ${steps}, or leave it out to have it inferred`,
    where,
    cycle.key,
    cycle.value,
  );
}

export const oneCycleLRKind = kind(oneCycleLRSpec, (spec, group, context) => {
  checkCycleCoversRun(spec, context);
  return new OneCycleLR(group, spec, totalStepsOf(spec, context.where, context.totalSteps));
});
