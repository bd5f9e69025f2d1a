/** Specs build the same schedules as the functions; bad specs are ConfigErrors naming the key. */
import { describe, expect, it } from "vitest";
import type { Schedule } from "../types.js";
import {
  closedFormFromSpec,
  closedFormTypes,
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  inverseSqrt,
  joinSchedules,
  linearSchedule,
  oneCycle,
  piecewiseConstant,
  piecewiseInterpolate,
  polynomialSchedule,
  sgdr,
  warmupCosine,
  warmupLinear,
  warmupStableDecay,
} from "./index.js";
import { catchConfigError } from "../../testing/config-error.js";

const probeSteps = [0, 1, 3, 5, 10, 17, 50, 99, 100, 101, 250, 999, 1000, 1001, 5000, 1e6];

function expectSame(spec: unknown, expected: Schedule, baseLr = 0.1): void {
  const schedule = closedFormFromSpec(spec, baseLr, "scheduler");
  for (const t of probeSteps) expect(schedule(t), `step ${t}`).toBe(expected(t));
}

const errorOf = (spec: unknown, baseLr = 0.1) => catchConfigError(() => closedFormFromSpec(spec, baseLr, "scheduler"));

describe("closedFormFromSpec round trip", () => {
  it("lists every type", () => {
    expect([...closedFormTypes].sort()).toEqual(
      [
        "constant",
        "linear",
        "polynomial",
        "exponential",
        "cosine",
        "warmup_cosine",
        "warmup_linear",
        "inverse_sqrt",
        "piecewise_constant",
        "piecewise_interpolate",
        "join",
        "sgdr",
        "one_cycle",
        "warmup_stable_decay",
      ].sort(),
    );
  });

  it("builds each type with optax's argument names", () => {
    expectSame({ type: "constant", value: 0.3 }, constantSchedule({ value: 0.3 }));
    expectSame(
      { type: "linear", init_value: 0.2, end_value: 0.01, transition_steps: 100, transition_begin: 5 },
      linearSchedule({ initValue: 0.2, endValue: 0.01, transitionSteps: 100, transitionBegin: 5 }),
    );
    expectSame(
      { type: "polynomial", init_value: 0.2, end_value: 0.01, power: 2, transition_steps: 100 },
      polynomialSchedule({ initValue: 0.2, endValue: 0.01, power: 2, transitionSteps: 100 }),
    );
    expectSame(
      { type: "exponential", init_value: 0.2, transition_steps: 10, decay_rate: 0.9, transition_begin: 3, staircase: true, end_value: 0.01 },
      exponentialDecay({ initValue: 0.2, transitionSteps: 10, decayRate: 0.9, transitionBegin: 3, staircase: true, endValue: 0.01 }),
    );
    expectSame(
      { type: "exponential", transition_steps: 10, decay_rate: 1.1, end_value: 1 },
      exponentialDecay({ initValue: 0.1, transitionSteps: 10, decayRate: 1.1, endValue: 1 }),
    );
    expectSame(
      { type: "cosine", init_value: 0.2, decay_steps: 1000, alpha: 0.1, exponent: 2 },
      cosineDecay({ initValue: 0.2, decaySteps: 1000, alpha: 0.1, exponent: 2 }),
    );
    expectSame(
      { type: "warmup_cosine", init_value: 0.01, peak_value: 0.5, warmup_steps: 100, decay_steps: 1000, end_value: 0.001, exponent: 1.5 },
      warmupCosine({ initValue: 0.01, peakValue: 0.5, warmupSteps: 100, decaySteps: 1000, endValue: 0.001, exponent: 1.5 }),
    );
    expectSame(
      { type: "warmup_linear", peak_value: 0.5, warmup_steps: 100, decay_steps: 1000, end_value: 0.001 },
      warmupLinear({ peakValue: 0.5, warmupSteps: 100, decaySteps: 1000, endValue: 0.001 }),
    );
    expectSame({ type: "inverse_sqrt", warmup_steps: 100, d_model: 512 }, inverseSqrt({ warmupSteps: 100, dModel: 512 }));
    expectSame({ type: "inverse_sqrt", warmup_steps: 100, peak_value: 0.3 }, inverseSqrt({ warmupSteps: 100, peakValue: 0.3 }));
    expectSame(
      { type: "piecewise_constant", init_value: 0.2, boundaries_and_scales: { "100": 0.1, "1000": 0.5 } },
      piecewiseConstant({ initValue: 0.2, boundariesAndScales: { 100: 0.1, 1000: 0.5 } }),
    );
    expectSame(
      { type: "piecewise_interpolate", interpolate_type: "cosine", boundaries_and_scales: { "100": 0.1, "1000": 0.5 } },
      piecewiseInterpolate({ interpolateType: "cosine", initValue: 0.1, boundariesAndScales: { 100: 0.1, 1000: 0.5 } }),
    );
    expectSame(
      { type: "sgdr", cosine_kwargs: [{ decay_steps: 100 }, { peak_value: 0.05, warmup_steps: 10, decay_steps: 200, end_value: 0.001 }] },
      sgdr({ cosineKwargs: [{ peakValue: 0.1, decaySteps: 100 }, { peakValue: 0.05, warmupSteps: 10, decaySteps: 200, endValue: 0.001 }] }),
    );
    expectSame(
      { type: "one_cycle", transition_steps: 1000, peak_value: 0.5, pct_start: 0.25, div_factor: 10, final_div_factor: 100 },
      oneCycle({ transitionSteps: 1000, peakValue: 0.5, pctStart: 0.25, divFactor: 10, finalDivFactor: 100 }),
    );
    expectSame(
      { type: "one_cycle", transition_steps: 1000, anneal_strategy: "linear", pct_final: 0.9 },
      oneCycle({ transitionSteps: 1000, peakValue: 0.1, annealStrategy: "linear", pctFinal: 0.9 }),
    );
    expectSame(
      { type: "warmup_stable_decay", warmup_steps: 10, stable_steps: 800, decay_steps: 190, end_value: 0.001, decay_shape: "sqrt" },
      warmupStableDecay({ peakValue: 0.1, warmupSteps: 10, stableSteps: 800, decaySteps: 190, endValue: 0.001, decayShape: "sqrt" }),
    );
  });

  it("builds nested specs in join, each child seeing the base lr", () => {
    expectSame(
      {
        type: "join",
        schedules: [
          { type: "linear", init_value: 0, end_value: 0.1, transition_steps: 100 },
          { type: "cosine", decay_steps: 900 },
        ],
        boundaries: [100],
      },
      joinSchedules({
        schedules: [linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 100 }), cosineDecay({ initValue: 0.1, decaySteps: 900 })],
        boundaries: [100],
      }),
    );
  });

  it("fills the scale value from the base lr: warmup_cosine peaks at it", () => {
    const schedule = closedFormFromSpec({ type: "warmup_cosine", warmup_steps: 100, decay_steps: 1000 }, 0.1, "scheduler");
    expect(schedule(0)).toBe(0);
    expect(schedule(100)).toBe(0.1);
    expect(schedule(1000)).toBe(0);
    expect(closedFormFromSpec({ type: "constant" }, 0.25, "scheduler")(7)).toBe(0.25);
    expect(closedFormFromSpec({ type: "cosine", decay_steps: 10 }, 0.25, "scheduler")(0)).toBe(0.25);
    expect(closedFormFromSpec({ type: "one_cycle", transition_steps: 10 }, 0.25, "scheduler")(3)).toBeCloseTo(0.25, 15);
  });

  it("accepts and ignores interval", () => {
    expectSame({ type: "constant", value: 0.3, interval: "epoch" }, constantSchedule({ value: 0.3 }));
  });
});

describe("closedFormFromSpec errors", () => {
  const cases: { name: string; spec: unknown; key: string; message: RegExp }[] = [
    {
      name: "a misspelt type, with a suggestion",
      spec: { type: "warmup_cosin", warmup_steps: 100, decay_steps: 1000 },
      key: "type",
      message: /unknown value "warmup_cosin" \(did you mean "warmup_cosine"\?\); valid: constant, linear,/,
    },
    {
      name: "an unknown key, with the valid keys",
      spec: { type: "cosine", decay_steps: 100, alpa: 0.1 },
      key: "alpa",
      message: /scheduler: unknown key "alpa" \(did you mean "alpha"\?\); valid keys: type, init_value, decay_steps, alpha, exponent, interval/,
    },
    { name: "a wrong type", spec: { type: "linear", end_value: "0.1", transition_steps: 2 }, key: "end_value", message: /^scheduler\.end_value: expected number.*got "0\.1"$/ },
    { name: "a fractional step count", spec: { type: "linear", end_value: 0, transition_steps: 2.5 }, key: "transition_steps", message: /expected int.*got 2\.5/ },
    { name: "a negative value", spec: { type: "constant", value: -1 }, key: "value", message: /^scheduler\.value: .*>=0.*got -1$/ },
    { name: "a negative step count", spec: { type: "polynomial", end_value: 0, power: 1, transition_steps: -5 }, key: "transition_steps", message: /got -5/ },
    { name: "decay_steps 0", spec: { type: "cosine", decay_steps: 0 }, key: "decay_steps", message: /^scheduler\.decay_steps: .*>0.*got 0$/ },
    {
      name: "decay_steps not beyond the warmup",
      spec: { type: "warmup_cosine", warmup_steps: 100, decay_steps: 100 },
      key: "decay_steps",
      message: /decay_steps \(the total length, warmup included\) > warmup_steps; got 100/,
    },
    {
      name: "unbounded exponential growth",
      spec: { type: "exponential", transition_steps: 10, decay_rate: 1.5 },
      key: "end_value",
      message: /end_value \(the ceiling\) when decay_rate > 1/,
    },
    { name: "a zero decay rate", spec: { type: "exponential", transition_steps: 10, decay_rate: 0 }, key: "decay_rate", message: />0.*got 0/ },
    {
      name: "a non-integer boundary",
      spec: { type: "piecewise_constant", boundaries_and_scales: { "10": 0.1, x: 0.2 } },
      key: "boundaries_and_scales",
      message: /non-negative integer steps as keys, not "x"/,
    },
    {
      name: "a negative scale",
      spec: { type: "piecewise_interpolate", interpolate_type: "linear", boundaries_and_scales: { "10": -0.1 } },
      key: "boundaries_and_scales.10",
      message: /got -0\.1/,
    },
    {
      name: "an unknown interpolation",
      spec: { type: "piecewise_interpolate", interpolate_type: "cos" },
      key: "interpolate_type",
      message: /"linear"\|"cosine"|linear.*cosine/,
    },
    {
      name: "too many join boundaries",
      spec: { type: "join", schedules: [{ type: "constant" }, { type: "constant" }], boundaries: [5, 6] },
      key: "boundaries",
      message: /one boundary fewer than schedules; got \[5,6\]/,
    },
    {
      name: "join boundaries that do not increase",
      spec: { type: "join", schedules: [{ type: "constant" }, { type: "constant" }, { type: "constant" }], boundaries: [6, 6] },
      key: "boundaries",
      message: /increasing boundaries; got \[6,6\]/,
    },
    {
      name: "a bad nested schedule, with its path",
      spec: { type: "join", schedules: [{ type: "constant" }, { type: "cosine", decay_steps: 3, exponnent: 2 }], boundaries: [5] },
      key: "exponnent",
      message: /^scheduler\.schedules\.1: unknown key "exponnent" \(did you mean "exponent"\?\)/,
    },
    { name: "an empty sgdr", spec: { type: "sgdr", cosine_kwargs: [] }, key: "cosine_kwargs", message: /got \[\]/ },
    {
      name: "a bad sgdr cycle",
      spec: { type: "sgdr", cosine_kwargs: [{ decay_steps: 5 }, { decay_steps: 5, warmup_steps: 6 }] },
      key: "cosine_kwargs.1.decay_steps",
      message: /^scheduler\.cosine_kwargs\.1\.decay_steps: expected decay_steps/,
    },
    {
      name: "pct_final with cos annealing",
      spec: { type: "one_cycle", transition_steps: 100, pct_final: 0.8 },
      key: "pct_final",
      message: /pct_final only with anneal_strategy "linear"; got 0\.8/,
    },
    {
      name: "pct_final before pct_start",
      spec: { type: "one_cycle", transition_steps: 100, anneal_strategy: "linear", pct_start: 0.5, pct_final: 0.4 },
      key: "pct_final",
      message: /with pct_start = 0\.5, pct_final = 0\.4 and transition_steps = 100 they are 50, 40, 100; got 0\.4$/,
    },
    {
      name: "one-cycle phases too short for transition_steps",
      spec: { type: "one_cycle", transition_steps: 1, anneal_strategy: "linear" },
      key: "pct_start",
      message: /pct_final = 0\.85 \(default\) and transition_steps = 1 they are 0, 0, 1/,
    },
    {
      name: "a cos one-cycle peaking at its end",
      spec: { type: "one_cycle", transition_steps: 10, pct_start: 1 },
      key: "pct_start",
      message: /expected pct_start < 1, so that the peak comes before transition_steps = 10; got 1$/,
    },
    { name: "pct_start above 1", spec: { type: "one_cycle", transition_steps: 100, pct_start: 1.5 }, key: "pct_start", message: /<=1.*got 1\.5/ },
    {
      name: "an unknown anneal strategy",
      spec: { type: "one_cycle", transition_steps: 100, anneal_strategy: "cosine" },
      key: "anneal_strategy",
      message: /unknown value "cosine".*valid: cos, linear/,
    },
    {
      name: "both peak_value and d_model",
      spec: { type: "inverse_sqrt", warmup_steps: 100, peak_value: 0.1, d_model: 512 },
      key: "d_model",
      message: /either peak_value or d_model, not both/,
    },
    { name: "a zero inverse_sqrt warmup", spec: { type: "inverse_sqrt", warmup_steps: 0 }, key: "warmup_steps", message: />0.*got 0/ },
    {
      name: "an unknown decay shape",
      spec: { type: "warmup_stable_decay", warmup_steps: 1, stable_steps: 1, decay_steps: 1, decay_shape: "exp" },
      key: "decay_shape",
      message: /unknown value "exp"/,
    },
    { name: "a bad interval", spec: { type: "constant", interval: "batch" }, key: "interval", message: /unknown value "batch"; valid: step, epoch/ },
    { name: "no object", spec: "cosine", key: "", message: /^scheduler: expected object/ },
  ];

  for (const { name, spec, key, message } of cases) {
    it(`rejects ${name}`, () => {
      const e = errorOf(spec);
      expect(e.key).toBe(key);
      expect(e.message).toMatch(message);
    });
  }

  it("rejects a base lr that is not a finite non-negative number", () => {
    expect(errorOf({ type: "constant" }, Number.NaN).message).toMatch(/base learning rate must be a finite non-negative number; got NaN/);
    expect(errorOf({ type: "constant" }, -0.1).key).toBe("lr");
  });
});
