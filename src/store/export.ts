/**
 * Runs as files for other tools.
 *
 * CSV: one row per step, `run_id,step,epoch,lr,loss,grad_norm,elapsed` (elapsed: seconds since training began), runs in creation order; numbers in
 * JavaScript's shortest round-trip form, NaN and ±Infinity as `NaN`, `Infinity`, `-Infinity`
 * (pandas and numpy read these), a missing gradient norm as an empty field. With `rows:
 * "sharpness"`, one row per sharpness probe instead,
 * `run_id,step,sharpness,threshold,preconditioned,preconditioned_threshold` (the last two empty
 * unless the probe was preconditioned; a run without probes has no rows).
 *
 * JSON: `{"format": "lrkit-runs", "version": 1, "runs": [...]}`, each run its record plus
 * `epochs` and `steps` arrays (and `sharpness`, for a run with sharpness probes), one run per line; non-finite numbers as the strings "NaN",
 * "Infinity", "-Infinity" (JSON has no literal for them).
 *
 * Both come as a sequence of text chunks, one run at a time, so a large store is never held in
 * memory as one string.
 */
import type { EpochRow, SharpnessRow, StepRow } from "../log/index.js";
import type { ExportFormat, ExportRows, RunRecord } from "./types.js";
import { toPlainJson } from "./values.js";

export const CSV_HEADER = "run_id,step,epoch,lr,loss,grad_norm,elapsed";
export const SHARPNESS_CSV_HEADER = "run_id,step,sharpness,threshold,preconditioned,preconditioned_threshold";

export function* exportRuns(
  runs: readonly RunRecord[],
  format: ExportFormat,
  steps: (runId: string) => StepRow[],
  epochs: (runId: string) => EpochRow[],
  sharpness: (runId: string) => SharpnessRow[],
  rows: ExportRows = "steps",
): Generator<string> {
  if (format === "csv" && rows === "sharpness") {
    yield `${SHARPNESS_CSV_HEADER}\n`;
    for (const run of runs) {
      yield sharpness(run.id)
        .map((r) => `${run.id},${r.step},${r.sharpness},${r.threshold},${r.preconditioned ?? ""},${r.preconditionedThreshold ?? ""}\n`)
        .join("");
    }
    return;
  }
  if (format === "csv") {
    yield `${CSV_HEADER}\n`;
    for (const run of runs) {
      yield steps(run.id)
        .map((s) => `${run.id},${s.step},${s.epoch},${s.lr},${s.loss},${s.gradNorm ?? ""},${s.elapsed ?? ""}\n`)
        .join("");
    }
    return;
  }
  yield '{"format":"lrkit-runs","version":1,"runs":[';
  let first = true;
  for (const run of runs) {
    const probes = sharpness(run.id);
    yield `${first ? "" : ","}\n${toPlainJson({ ...run, epochs: epochs(run.id), steps: steps(run.id), ...(probes.length > 0 && { sharpness: probes }) })}`;
    first = false;
  }
  yield "\n]}\n";
}
