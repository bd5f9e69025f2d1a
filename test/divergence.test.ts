import { describe, expect, it } from "vitest";
import { diagnoseLr } from "../src/report/index.js";
import { divergenceGuard, type TrainState } from "../src/train/index.js";
import { lossMonitor } from "../src/find/loss-monitor.js";
import { findDivergence } from "../src/curves/index.js";

/** 30 steps falling from 2.3 to 0.8, then a blow-up ×1.5 a step. */
const blowingUp = [...Array.from({ length: 30 }, (_, i) => 2.3 - (1.5 * i) / 29), ...Array.from({ length: 20 }, (_, i) => 0.8 * 1.5 ** (i + 1))];
/** The same fall, then noise around a loss near zero: 4× its best, but far below where it started. */
const noisyNearZero = [...Array.from({ length: 40 }, (_, i) => 2.3 * 0.8 ** i), ...Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.002 : 0.02))];

function guardStep(losses: readonly number[]): number | undefined {
  const guard = divergenceGuard({ warmupSteps: 0 });
  const state = { step: 0, lr: 0.1, loss: NaN } as TrainState;
  guard.beforeFit?.(state);
  for (const [step, loss] of losses.entries()) {
    Object.assign(state, { step, loss });
    guard.afterBatch?.(state);
    if (state.stop) return step;
  }
  return undefined;
}

function rangeTestStep(losses: readonly number[]): number | undefined {
  const monitor = lossMonitor(0.98, 4);
  for (const loss of losses) {
    const stop = monitor.record(0.1, loss);
    if (stop) return stop.step;
  }
  return undefined;
}

describe("the divergence rule", () => {
  it("stops the guard and the range test at the same step, where the diagnosis places the blow-up", () => {
    const step = findDivergence(blowingUp)?.step;
    expect(step).toBeGreaterThan(30);
    expect(guardStep(blowingUp)).toBe(step);
    expect(rangeTestStep(blowingUp)).toBe(step);
    const diagnosis = diagnoseLr({ steps: blowingUp.map((_, i) => i), loss: blowingUp, lr: blowingUp.map(() => 0.1) });
    expect(diagnosis.verdict).toBe("diverged");
    expect(diagnosis.details.divergedStep).toBe(step);
  });

  it("lets noise 4× above a best near zero pass in all three", () => {
    expect(findDivergence(noisyNearZero)).toBeUndefined();
    expect(guardStep(noisyNearZero)).toBeUndefined();
    expect(rangeTestStep(noisyNearZero)).toBeUndefined();
    expect(diagnoseLr({ steps: noisyNearZero.map((_, i) => i), loss: noisyNearZero, lr: noisyNearZero.map(() => 0.1) }).verdict).not.toBe("diverged");
  });

  it("reports a non-finite loss at once, even in the warm-up", () => {
    expect(findDivergence([2, 1, NaN, 1], { warmupSteps: 10 })).toEqual({ kind: "non_finite", step: 2, loss: NaN });
  });
});
