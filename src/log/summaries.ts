/**
 * What a finished run keeps as its summary in the run store (and `--json` prints): a training
 * run's `TrainSummary` (a sweep trial's adds its overrides and whether ASHA stopped it), and an LR
 * range test's `RangeTestSummary`. Readers parse stored summaries with these schemas; a summary
 * that does not fit (a failed run's, or one from an older lrkit) reads as empty.
 */
import { z } from "zod";
import { wireNumber } from "./rows.js";

const metrics = z.record(z.string(), wireNumber);

/** Why the trainer stopped before its last epoch: divergence guard, non-finite loss or early stopping. */
export const stopSchema = z.object({ kind: z.string(), reason: z.string() });

export const trainSummarySchema = z.object({
  run_id: z.string().nullable(),
  metrics: z.object({ val: metrics, test: metrics }),
  epochs: z.int(),
  steps: z.int(),
  wall_seconds: wireNumber,
  lr_final: wireNumber,
  stopped: stopSchema.nullable(),
  /** The jax-js device the run trained on (absent in runs recorded before lrkit told). */
  device: z.string().optional(),
  diagnosis: z.object({ verdict: z.string(), evidence: z.array(z.string()), suggestion: z.string(), details: z.unknown() }),
  /** λ_max and its stability threshold at each probed step (and the preconditioned pair, if asked for), when the run config asked for `sharpness`. */
  sharpness: z
    .array(z.object({ step: z.int(), sharpness: wireNumber, threshold: wireNumber, preconditioned: wireNumber.optional(), preconditionedThreshold: wireNumber.optional() }))
    .optional(),
});
export type TrainSummary = z.output<typeof trainSummarySchema>;

export const trialSummarySchema = trainSummarySchema.extend({
  overrides: z.record(z.string(), z.unknown()),
  stopped_early: z.boolean(),
});
export type TrialSummary = z.output<typeof trialSummarySchema>;

export const rangeTestSummarySchema = z.object({
  lrs: z.array(wireNumber),
  /** The smoothed loss at each η: the curve the suggestions read. */
  losses: z.array(wireNumber),
  raw_losses: z.array(wireNumber),
  /** Each rule's η by name; null where the rule found none. */
  suggestions: z.record(z.string(), wireNumber.nullable()),
  stopped_early: z.boolean(),
  stop_reason: z.string().nullable(),
  loss_kind: z.enum(["train", "validation"]),
  settings: z.record(z.string(), z.unknown()),
  seconds: wireNumber,
});
export type RangeTestSummary = z.output<typeof rangeTestSummarySchema>;

/** The fields of `summary` that fit `schema` (each checked on its own), so a partial summary still reads. */
export function readSummary<S extends z.ZodObject>(schema: S, summary: unknown): Partial<z.output<S>> {
  if (summary === null || typeof summary !== "object") return {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse((summary as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as Partial<z.output<S>>;
}
