/**
 * Closed-form schedules against PyTorch 1.13 (float64) where both define the same curve. The
 * tolerance is 1e-12 relative: the formulas are the same closed forms, and PyTorch's recursive
 * updates (ExponentialLR, StepLR, PolynomialLR, LinearLR, CosineAnnealingLR multiply the previous
 * lr by a factor each step) add only a rounding error of about one ulp per step (measured ≤ 1e-15).
 */
import { describe, expect, it } from "vitest";
import { maxRelativeError, readFixture } from "../../../test/fixtures.js";
import type { Schedule } from "../types.js";
import {
  cosineDecay,
  exponentialDecay,
  joinSchedules,
  linearSchedule,
  oneCycle,
  piecewiseConstant,
  polynomialSchedule,
  sgdr,
  warmupCosine,
} from "./index.js";

interface TorchCase {
  name: string;
  initial_lr: number;
  lr: number[];
}

const cases = readFixture<{ cases: TorchCase[] }>("torch/schedules.json").cases;

/** The schedule at steps 0…n−1 (all of the case's steps by default) next to PyTorch's values. */
function compare(name: string, schedule: Schedule, steps?: number): { actual: number[]; expected: number[] } {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`fixture case ${name} is missing`);
  const expected = c.lr.slice(0, steps ?? c.lr.length);
  return { actual: expected.map((_, t) => schedule(t)), expected };
}

function expectParity(name: string, schedule: Schedule, steps?: number, tolerance = 1e-12): void {
  const { actual, expected } = compare(name, schedule, steps);
  expect(maxRelativeError(actual, expected)).toBeLessThan(tolerance);
}

describe("closed-form schedules match PyTorch's schedulers", () => {
  it("exponential decay with transition_steps 1 is ExponentialLR(gamma=0.9)", () => {
    expectParity("ExponentialLR", exponentialDecay({ initValue: 0.1, transitionSteps: 1, decayRate: 0.9 }));
  });

  it("staircase exponential decay is StepLR(step_size=7, gamma=0.5)", () => {
    expectParity("StepLR", exponentialDecay({ initValue: 0.1, transitionSteps: 7, decayRate: 0.5, staircase: true }));
  });

  it("polynomial decay to 0 is PolynomialLR(total_iters=20, power=2), including past the end", () => {
    expectParity("PolynomialLR", polynomialSchedule({ initValue: 0.1, endValue: 0, power: 2, transitionSteps: 20 }));
  });

  it("linear is LinearLR(start_factor=0.1, total_iters=10)", () => {
    expectParity("LinearLR", linearSchedule({ initValue: 0.1 * 0.1, endValue: 0.1, transitionSteps: 10 }));
  });

  it("cosine decay with alpha = eta_min/lr is CosineAnnealingLR(T_max=25, eta_min=0.001) up to T_max", () => {
    // PyTorch's CosineAnnealingLR climbs back after T_max; the cosine decay stays at eta_min.
    const schedule = cosineDecay({ initValue: 0.1, decaySteps: 25, alpha: 0.001 / 0.1 });
    expectParity("CosineAnnealingLR", schedule, 26);
    const { actual, expected } = compare("CosineAnnealingLR", schedule);
    expect(actual[40]).toBeCloseTo(0.001, 15);
    expect(expected[40]).toBeGreaterThan(0.01);
  });

  it("piecewise constant is MultiStepLR(milestones=[5,12,30], gamma=0.3) and ConstantLR(factor=0.25, total_iters=6)", () => {
    expectParity("MultiStepLR", piecewiseConstant({ initValue: 0.1, boundariesAndScales: { 5: 0.3, 12: 0.3, 30: 0.3 } }));
    expectParity("ConstantLR", piecewiseConstant({ initValue: 0.1 * 0.25, boundariesAndScales: { 6: 4 } }));
  });

  it("join(linear warmup, cosine) and warmupCosine are SequentialLR([LinearLR, CosineAnnealingLR(T_max=20)], [5]) up to the cosine's end", () => {
    const joined = joinSchedules({
      schedules: [linearSchedule({ initValue: 0.1 * 0.01, endValue: 0.1, transitionSteps: 5 }), cosineDecay({ initValue: 0.1, decaySteps: 20 })],
      boundaries: [5],
    });
    expectParity("SequentialLR_warmup_cosine", joined, 26);
    expectParity("SequentialLR_warmup_cosine", warmupCosine({ initValue: 0.1 * 0.01, peakValue: 0.1, warmupSteps: 5, decaySteps: 25 }), 26);
  });

  it("sgdr with cycles 5, 10, 20, 40 is CosineAnnealingWarmRestarts(T_0=5, T_mult=2, eta_min=0.002)", () => {
    const cycles = [5, 10, 20, 40].map((decaySteps) => ({ peakValue: 0.1, decaySteps, endValue: 0.002 }));
    expectParity("CosineAnnealingWarmRestarts", sgdr({ cosineKwargs: cycles }));
  });

  it("cos one-cycle over N − 1 steps is OneCycleLR(max_lr=0.5, total_steps=N=50, pct_start=0.3)", () => {
    expectParity("OneCycleLR_cos", oneCycle({ transitionSteps: 49, peakValue: 0.5, pctStart: 0.3 }));
  });

  it("linear one-cycle is OneCycleLR(anneal_strategy='linear', three_phase=True, total_steps=40, pct_start=0.25)", () => {
    // Phase ends: PyTorch 0.25·40 − 1 = 9, 2·0.25·40 − 2 = 18, 39; here ⌊0.25·39⌋ = 9, ⌊0.47·39⌋ = 18, 39.
    // The last phase ends at 8e-7, where (end − start)·pct + start cancels against start = 0.008:
    // the one-ulp difference between the two ways of getting the end value (0.008·25·(1/25)·1e-4
    // here, 0.008/1e4 there) grows to ~1e-12 relative, hence 1e-11 for this case.
    const schedule = oneCycle({ transitionSteps: 39, peakValue: 0.2, pctStart: 0.25, annealStrategy: "linear", pctFinal: 0.47 });
    expectParity("OneCycleLR_linear_three_phase", schedule, undefined, 1e-11);
  });
});
