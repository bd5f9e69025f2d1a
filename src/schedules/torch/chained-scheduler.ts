import { z } from "zod";
import type { SchedulerState } from "../types.js";
import { kind, torchSpec } from "./kind.js";
import { readList } from "./saved-state.js";
import type { Stepper } from "./stepper.js";

export const chainedSchedulerSpec = torchSpec("ChainedScheduler", {
  schedulers: z.array(z.unknown()).min(1),
});
export type ChainedSchedulerSpec = z.input<typeof chainedSchedulerSpec>;

/**
 * ChainedScheduler, as torch 1.13: every `step()` steps each child in order on the shared rate.
 * Since the chainable schedulers scale the rate in force, their factors multiply
 * (e.g. ConstantLR × ExponentialLR: `η_t = η_0 · c(t) · γ^t`); a scheduler that sets the rate
 * outright (CyclicLR, OneCycleLR, a closed-form schedule) overrides those before it.
 */
export class ChainedScheduler implements Stepper {
  constructor(private readonly children: Stepper[]) {}

  step(): void {
    for (const child of this.children) child.step();
  }

  state(): SchedulerState {
    return { schedulers: this.children.map((s) => s.state()) };
  }

  load(state: SchedulerState, where: string): void {
    readList(state, "schedulers", this.children.length, where).forEach((s, i) => this.children[i]!.load(s, `${where}.schedulers[${i}]`));
  }
}

export const chainedSchedulerKind = kind(chainedSchedulerSpec, (spec, _group, context) => {
  const children = spec.schedulers.map((child, i) => context.nested(child, `${context.where}.schedulers[${i}]`, context.totalSteps, context.stepsTaken));
  return new ChainedScheduler(children);
});
