/**
 * What every optimizer type provides: its options (PyTorch's names and validity ranges), its
 * defaults (PyTorch's), a check of constraints between options, and the chain of gradient
 * transformations that performs its step.
 */
import { z } from "zod";
import { chain } from "../transforms/chain.js";
import { flipSign } from "../transforms/flip-sign.js";
import type { GradientTransformation } from "../types.js";

export interface OptimizerDefinition<O extends object> {
  /** One schema per option, without defaults (groups override a subset). */
  readonly options: { readonly [K in keyof O]: z.ZodType<O[K]> };
  /** PyTorch's defaults. */
  readonly defaults: Readonly<O>;
  /** A constraint between options that a single schema cannot express: the offending key and what is valid. */
  check?(options: O): OptionProblem | undefined;
  /** Whether `hyper.momentum` has something to set (the momentum or β₁) under these options. */
  hasMomentum(options: O): boolean;
  /** The chain of transformations performing one step; its final updates are added to the parameters. */
  build(options: O): GradientTransformation<unknown>;
}

export interface OptionProblem {
  key: string;
  message: string;
}

export const learningRate = z.number().min(0, "expected a learning rate ≥ 0");
export const nonNegative = z.number().min(0, "expected a number ≥ 0");
export const weightDecay = z.number().min(0, "expected a weight decay ≥ 0");
export const epsilon = z.number().min(0, "expected an epsilon ≥ 0");
export const unitInterval = z.number().min(0, "expected a number in [0, 1]").max(1, "expected a number in [0, 1]");
const beta = z.number().min(0, "expected a beta in [0, 1)").lt(1, "expected a beta in [0, 1)");
export const betas = z.tuple([beta, beta]);
export const flag = z.boolean();
/** A growth factor per step ≥ 1, or Infinity (YAML `.inf`) for no limit. */
export const growthRate = z.union([z.number().min(1, "expected a growth rate ≥ 1 or Infinity"), z.literal(Infinity)]);
/** An initial estimate d₀ > 0 of the parameter-free methods. */
export const initialEstimate = z.number().positive("expected a number > 0");

/** The chain of the pieces that apply (`false` drops a piece that an option switches off). */
export function chainOf(...pieces: (GradientTransformation<unknown> | false)[]): GradientTransformation<unknown> {
  return chain(...pieces.filter((p): p is GradientTransformation<unknown> => p !== false));
}

/** PyTorch's `maximize`: flip the gradient's sign first. */
export function maximizing(maximize: boolean): GradientTransformation<unknown> | false {
  return maximize && flipSign();
}
