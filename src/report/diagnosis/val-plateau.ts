/**
 * A validation plateau at constant η, the situation `ReduceLROnPlateau` exists for: the validation
 * loss has not improved on its best by more than `VAL_MIN_IMPROVEMENT` (relative) for at least
 * `VAL_PATIENCE` epochs, and η stayed within `CONSTANT_LR_TOLERANCE` over those epochs' steps.
 *
 * The best epoch is the first one within `VAL_MIN_IMPROVEMENT` of the lowest validation loss, so
 * creeping gains of a fraction of a percent do not reset the count (as PyTorch's plateau
 * `threshold` does in "rel" mode). The validation loss is `val.loss`, else the first `val` key
 * containing "loss"; without one there is no validation plateau to find.
 */
import type { DiagnosisEpoch } from "./types.js";
import { CONSTANT_LR_TOLERANCE, VAL_MIN_IMPROVEMENT, VAL_PATIENCE } from "./thresholds.js";

export interface ValPlateau {
  key: string;
  best: number;
  /** Index into `epochs` of the best epoch, its `epoch` number, and epochs since. */
  bestIndex: number;
  bestEpoch: number;
  epochsSince: number;
  last: number;
  /** Index into the step log where the plateau began (the end of the best epoch), and the η held since. */
  stepIndex: number;
  lr: number;
}

function valLossKey(val: Readonly<Record<string, number>>): string | undefined {
  return "loss" in val ? "loss" : Object.keys(val).find((k) => /loss/i.test(k));
}

export function findValPlateau(epochs: readonly DiagnosisEpoch[], steps: readonly number[], lr: readonly number[]): ValPlateau | undefined {
  const last = epochs[epochs.length - 1];
  if (epochs.length < VAL_PATIENCE + 1 || last === undefined) return undefined;
  const key = valLossKey(last.val);
  if (key === undefined) return undefined;
  const values = epochs.map((e) => e.val[key]);
  if (!values.every((v): v is number => v !== undefined && Number.isFinite(v))) return undefined;
  const lowest = values.reduce((a, b) => Math.min(a, b));
  const bestIndex = values.findIndex((v) => v <= lowest + VAL_MIN_IMPROVEMENT * Math.abs(lowest));
  const epochsSince = epochs.length - 1 - bestIndex;
  if (epochsSince < VAL_PATIENCE) return undefined;
  const endStep = epochs[bestIndex]!.step;
  const proportional = Math.round(((bestIndex + 1) / epochs.length) * steps.length);
  const found = endStep === undefined ? -1 : steps.findIndex((s) => s >= endStep);
  const stepIndex = Math.min(steps.length - 1, found >= 0 ? found : proportional);
  const held = lr.slice(stepIndex);
  const low = held.reduce((a, b) => Math.min(a, b), Infinity);
  const high = held.reduce((a, b) => Math.max(a, b), -Infinity);
  if (held.length === 0 || high > low * (1 + CONSTANT_LR_TOLERANCE)) return undefined;
  return { key, best: values[bestIndex]!, bestIndex, bestEpoch: epochs[bestIndex]!.epoch, epochsSince, last: values[values.length - 1]!, stepIndex, lr: lr[stepIndex]! };
}
