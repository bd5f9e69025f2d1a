/**
 * A step log as columns, one array per field: what charts read, what the trainer's history holds
 * and what the dashboard's API and live stream send (about half the size of an array of rows).
 * A step that logged no gradient norm or wall time has NaN there ("NaN" on the wire, which also
 * accepts null; a sender that predates `elapsed` may leave that column out).
 */
import { z } from "zod";
import { wireNumber, type StepRow } from "./rows.js";

export interface StepColumns {
  step: number[];
  epoch: number[];
  lr: number[];
  loss: number[];
  gradNorm: number[];
  elapsed: number[];
}

/** Step columns as JSON carries them (non-finite numbers as strings, a missing gradient norm as null). */
const optionalNumbers = z.array(wireNumber.nullable().transform((v) => v ?? NaN));

export const stepColumnsSchema = z
  .object({
    step: z.array(z.int()),
    epoch: z.array(z.int()),
    lr: z.array(wireNumber),
    loss: z.array(wireNumber),
    gradNorm: optionalNumbers,
    elapsed: optionalNumbers.optional(),
  })
  .transform((c): StepColumns => ({ ...c, elapsed: c.elapsed ?? c.step.map(() => NaN) }));

export function emptyColumns(): StepColumns {
  return { step: [], epoch: [], lr: [], loss: [], gradNorm: [], elapsed: [] };
}

export function toColumns(rows: readonly StepRow[]): StepColumns {
  const columns = emptyColumns();
  for (const r of rows) pushRow(columns, r);
  return columns;
}

/** Appends one row. */
export function pushRow(columns: StepColumns, row: StepRow): void {
  columns.step.push(row.step);
  columns.epoch.push(row.epoch);
  columns.lr.push(row.lr);
  columns.loss.push(row.loss);
  columns.gradNorm.push(row.gradNorm ?? NaN);
  columns.elapsed.push(row.elapsed ?? NaN);
}

/** Appends the rows of `more` after the last step of `into` (a reconnecting stream may resend some); returns how many. */
export function appendColumns(into: StepColumns, more: StepColumns): number {
  const last = into.step.at(-1) ?? -Infinity;
  let added = 0;
  more.step.forEach((step, i) => {
    if (step <= last) return;
    pushRow(into, { step, epoch: more.epoch[i]!, lr: more.lr[i]!, loss: more.loss[i]!, gradNorm: more.gradNorm[i]!, elapsed: more.elapsed[i]! });
    added++;
  });
  return added;
}

/** The rows of `columns` (NaN gradient norms and wall times left out, as steps that logged none). */
export function toRows(columns: StepColumns): StepRow[] {
  return columns.step.map((step, i) => {
    const gradNorm = columns.gradNorm[i]!;
    const elapsed = columns.elapsed[i]!;
    return { step, epoch: columns.epoch[i]!, lr: columns.lr[i]!, loss: columns.loss[i]!, ...(Number.isNaN(gradNorm) ? {} : { gradNorm }), ...(Number.isNaN(elapsed) ? {} : { elapsed }) };
  });
}
