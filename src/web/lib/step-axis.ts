/**
 * The x axis of a run's per-step charts, as TensorBoard offers it: the step, the epoch or the
 * wall time.
 *
 *   step        x = s
 *   epoch       x = (s + 1) / B      B batches per epoch: an epoch's last step sits on its
 *                                    whole number, where the per-epoch charts put that epoch
 *   wall time   x = elapsed(s)       seconds from the start of training to the end of step s
 *
 * B is the run's planned steps over its planned epochs, else the step count at the end of its
 * first logged epoch over that epoch's number (lrkit's epochs all have B batches). A probe taken
 * at step s (sharpness) is placed where step s is.
 */
import type { EpochRow, RunSummary, StepColumns } from "./api.js";
import { plannedEpochs } from "./format.js";

export const stepAxes = ["step", "epoch", "time"] as const;
export type StepAxis = (typeof stepAxes)[number];

export const axisLabels: Record<StepAxis, string> = { step: "step", epoch: "epoch", time: "wall time (s)" };

export function batchesPerEpoch(run: RunSummary, epochs: readonly EpochRow[]): number | undefined {
  const planned = plannedEpochs(run.config);
  if (run.plannedSteps && planned) return run.plannedSteps / planned;
  const first = epochs[0];
  return first && first.step > 0 ? first.step / (first.epoch + 1) : undefined;
}

/** Why `axis` cannot be drawn for these steps, or undefined when it can. */
export function unavailable(axis: StepAxis, steps: StepColumns, batches: number | undefined): string | undefined {
  if (axis === "epoch" && batches === undefined) return "the batches per epoch are not known yet (the run plans no epochs and has finished none)";
  if (axis === "time" && steps.elapsed.some((t) => !Number.isFinite(t))) return "this run logged no wall time for its steps (an lrkit older than the wall-time column wrote it)";
  return undefined;
}

/** The x value of each of `at` (step numbers, ascending) on `axis`; NaN for a wall time past the last step logged. */
export function axisValues(axis: StepAxis, at: readonly number[], steps: StepColumns, batches: number | undefined): number[] {
  if (axis === "step") return [...at];
  if (axis === "epoch") return at.map((s) => (s + 1) / batches!);
  let i = 0;
  return at.map((s) => {
    while (i < steps.step.length - 1 && steps.step[i]! < s) i++;
    return steps.step[i]! >= s ? steps.elapsed[i]! : NaN;
  });
}
