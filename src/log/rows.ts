/**
 * The rows a run logs, one contract for every writer and reader: the trainer's history, the run
 * store, the files of `--out`, the dashboard's wire format and pages, and the report loader.
 *
 * JSON has no NaN or ±Infinity, so where rows travel as JSON a non-finite number is the string
 * "NaN", "Infinity" or "-Infinity" (`wireNumber`); parsing with these schemas turns them back.
 */
import { z } from "zod";

/** A number, or the string JSON carries a non-finite one as; parses to the number. */
export const wireNumber = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"]).transform(Number)]);

/**
 * One optimizer step: the η actually used, the loss, the gradient norm (before clipping) and the
 * wall-clock seconds from the start of training to the end of this step (`elapsed`; a resumed run
 * goes on from its earlier part's last, so the time between the two parts is not counted).
 */
export const stepRowSchema = z.object({
  step: z.int(),
  epoch: z.int(),
  lr: wireNumber,
  loss: wireNumber,
  gradNorm: wireNumber.optional(),
  elapsed: wireNumber.optional(),
});
export type StepRow = z.output<typeof stepRowSchema>;

/** One epoch: the global step count at its end, η then, the mean training loss, validation metrics and its wall time. */
export const epochRowSchema = z.object({
  epoch: z.int(),
  step: z.int(),
  lr: wireNumber,
  trainLoss: wireNumber,
  val: z.record(z.string(), wireNumber),
  seconds: wireNumber,
});
export type EpochRow = z.output<typeof epochRowSchema>;

/** Rows as JSON carries them (non-finite numbers as strings). */
export type StepRowWire = z.input<typeof stepRowSchema>;
export type EpochRowWire = z.input<typeof epochRowSchema>;

/** `value` with every non-finite number turned into the string JSON carries it as (what the schemas parse back). */
export function toWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))) as T;
}

/** Where a run's rows go: the run store, a run's files, memory (the trainer's history), or anything with these two methods. */
export interface RunLog {
  logSteps(runId: string, rows: StepRow[]): void;
  logEpoch(runId: string, row: EpochRow): void;
}
