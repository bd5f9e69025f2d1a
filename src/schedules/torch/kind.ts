/**
 * A scheduler type as a spec names it: its zod schema (PyTorch's argument names and defaults,
 * plus the trainer's `interval`) and how a parsed spec is built on a parameter group.
 */
import { z } from "zod";
import type { ParamGroup } from "./param-group.js";
import type { Stepper } from "./stepper.js";

export const intervalSchema = z.enum(["step", "epoch"]);
export type Interval = z.output<typeof intervalSchema>;

/** The strict object schema of one scheduler type: `type`, torch's arguments, then `interval`. */
export function torchSpec<T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), ...shape, interval: intervalSchema.optional() });
}

export interface BuildContext {
  /** Where the spec sits, for error messages (`scheduler`, `scheduler.schedulers[1]`). */
  where: string;
  /** The number of steps this scheduler will run, when the trainer knows it (fills OneCycleLR's total_steps). */
  totalSteps: number | undefined;
  /**
   * When `totalSteps` is the run's real step count (not a nominal one), what takes those steps and
   * how they were counted, as it ends "the N steps …": "the run takes (2 epochs × 844 batches)",
   * "this scheduler runs (steps 200–499 of the 500 the run takes (…))". A OneCycleLR cycle the
   * spec gives must then cover them.
   */
  stepsTaken: string | undefined;
  /** Build a nested spec (SequentialLR, ChainedScheduler) on the same parameter group. */
  nested(spec: unknown, where: string, totalSteps: number | undefined, stepsTaken: string | undefined): Stepper;
}

export interface SchedulerKind<S extends z.ZodType = z.ZodType> {
  schema: S;
  build(spec: z.output<S>, group: ParamGroup, context: BuildContext): Stepper;
}

/** Pair a schema with its builder, inferring the parsed spec's type. */
export function kind<S extends z.ZodType>(schema: S, build: SchedulerKind<S>["build"]): SchedulerKind<S> {
  return { schema, build };
}
