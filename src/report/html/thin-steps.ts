/**
 * A long step log cut down to at most `maxPoints` points for drawing: a chart a few hundred
 * pixels wide shows no more, and 50,000 steps would make a report megabytes long. Consecutive
 * steps are grouped in buckets of k = ⌈n / maxPoints⌉; each bucket becomes one point at its first
 * step with the mean of its losses and gradient norms (non-finite if any of them is, so a
 * divergence still ends the curve in the right bucket) and the η in force at its start (so a
 * schedule's drops stay sharp). A moving average with factor β per step is one with β^k per
 * bucket, which `smoothingPerPoint` gives. Logs of at most `maxPoints` steps are returned as they are.
 */
import type { StepRow } from "../../log/index.js";

export interface ThinnedSteps {
  rows: StepRow[];
  /** Steps per point (1 when nothing was merged). */
  stride: number;
}

export function thinSteps(steps: readonly StepRow[], maxPoints: number): ThinnedSteps {
  return bucketSteps(steps, Math.max(1, Math.ceil(steps.length / maxPoints)));
}

/** The log in buckets of `stride` steps (runs drawn side by side share one stride, so their curves are smoothed alike). */
export function bucketSteps(steps: readonly StepRow[], stride: number): ThinnedSteps {
  if (stride === 1) return { rows: [...steps], stride };
  const rows: StepRow[] = [];
  for (let start = 0; start < steps.length; start += stride) {
    const bucket = steps.slice(start, start + stride);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const gradNorms = bucket.map((s) => s.gradNorm);
    rows.push({
      step: bucket[0]!.step,
      epoch: bucket[0]!.epoch,
      lr: bucket[0]!.lr,
      loss: mean(bucket.map((s) => s.loss)),
      ...(gradNorms.every((g) => g !== undefined) ? { gradNorm: mean(gradNorms as number[]) } : {}),
    });
  }
  return { rows, stride };
}

/** The EMA factor per point that matches factor `beta` per step. */
export function smoothingPerPoint(beta: number, stride: number): number {
  return beta ** stride;
}
