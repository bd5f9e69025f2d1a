/** Each schedule against its formula, at hand-computed steps including the edges. */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import type { Schedule } from "../types.js";
import {
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

/** Asserts schedule(step) ≈ value (14 decimal places) for each [step, value]. */
function expectValues(schedule: Schedule, table: [number, number][]): void {
  for (const [step, value] of table) expect(schedule(step), `step ${step}`).toBeCloseTo(value, 14);
}

function expectConfigError(build: () => unknown, key: string): void {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).key).toBe(key);
    return;
  }
  throw new Error("expected a ConfigError");
}

describe("constantSchedule", () => {
  it("holds its value at every step", () => {
    expectValues(constantSchedule({ value: 0.3 }), [[-5, 0.3], [0, 0.3], [1e6, 0.3]]);
  });
});

describe("linearSchedule", () => {
  it("goes from init to end over transition_steps, then holds", () => {
    expectValues(linearSchedule({ initValue: 1, endValue: 0.01, transitionSteps: 100 }), [
      [-3, 1],
      [0, 1],
      [50, 0.505],
      [100, 0.01],
      [150, 0.01],
    ]);
  });

  it("starts at transition_begin", () => {
    expectValues(linearSchedule({ initValue: 1, endValue: 0.01, transitionSteps: 100, transitionBegin: 5 }), [
      [5, 1],
      [6, 0.9901],
      [55, 0.505],
      [105, 0.01],
    ]);
  });

  it("is the constant init value when transition_steps ≤ 0 (optax)", () => {
    expectValues(linearSchedule({ initValue: 1, endValue: 0.01, transitionSteps: 0 }), [[0, 1], [1000, 1]]);
  });
});

describe("polynomialSchedule", () => {
  it("matches optax's documented example (power 2, transition_begin 5)", () => {
    expectValues(polynomialSchedule({ initValue: 1, endValue: 0.01, power: 2, transitionSteps: 100, transitionBegin: 5 }), [
      [0, 1],
      [5, 1],
      [6, 0.99 * 0.99 ** 2 + 0.01],
      [104, 0.99 * 0.01 ** 2 + 0.01],
      [105, 0.01],
      [110, 0.01],
    ]);
  });

  it("treats a negative transition_begin as 0 (optax)", () => {
    expectValues(polynomialSchedule({ initValue: 1, endValue: 0, power: 2, transitionSteps: 10, transitionBegin: -3 }), [
      [0, 1],
      [5, 0.25],
    ]);
  });
});

describe("exponentialDecay", () => {
  it("decays continuously as init·rate^(t/T)", () => {
    expectValues(exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5 }), [
      [-1, 1],
      [0, 1],
      [5, Math.SQRT1_2],
      [10, 0.5],
      [20, 0.25],
    ]);
  });

  it("decays in steps when staircase", () => {
    expectValues(exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5, staircase: true }), [
      [5, 1],
      [9, 1],
      [10, 0.5],
      [19, 0.5],
      [20, 0.25],
    ]);
  });

  it("holds init until transition_begin", () => {
    expectValues(exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5, transitionBegin: 4 }), [
      [3, 1],
      [4, 1],
      [14, 0.5],
    ]);
  });

  it("uses end_value as a floor when decaying and a ceiling when growing, at every step", () => {
    expectValues(exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5, endValue: 0.3 }), [[10, 0.5], [20, 0.3], [1e6, 0.3]]);
    expectValues(exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 2, endValue: 3 }), [[10, 2], [20, 3], [1e6, 3]]);
    expectValues(exponentialDecay({ initValue: 0.1, transitionSteps: 10, decayRate: 0.5, endValue: 0.2 }), [[0, 0.2]]);
  });

  it("keeps a zero init value at 0 where the growth factor overflows", () => {
    expectValues(exponentialDecay({ initValue: 0, transitionSteps: 1, decayRate: 2, endValue: 1 }), [[2000, 0]]);
  });

  it("is the constant init value when transition_steps ≤ 0 or decay_rate = 0, end_value unused (optax)", () => {
    expectValues(exponentialDecay({ initValue: 1, transitionSteps: 0, decayRate: 0.5 }), [[100, 1]]);
    expectValues(exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0, endValue: 2 }), [[100, 1]]);
  });
});

describe("cosineDecay", () => {
  it("follows init·((1 − α)·½(1 + cos πt/T) + α) and stays at α·init after T", () => {
    expectValues(cosineDecay({ initValue: 2, decaySteps: 10, alpha: 0.1 }), [
      [0, 2],
      [5, 1.1],
      [10, 0.2],
      [20, 0.2],
    ]);
  });

  it("raises the cosine factor to the exponent", () => {
    expectValues(cosineDecay({ initValue: 2, decaySteps: 10, alpha: 0.1, exponent: 2 }), [[5, 2 * (0.9 * 0.25 + 0.1)]]);
  });

  it("mirrors negative steps around 0, as optax does not clamp them", () => {
    const schedule = cosineDecay({ initValue: 2, decaySteps: 10, alpha: 0.1 });
    expect(schedule(-5)).toBe(schedule(5));
  });

  it("needs positive decay_steps", () => {
    expectConfigError(() => cosineDecay({ initValue: 1, decaySteps: 0 }), "decaySteps");
  });
});

describe("warmupCosine", () => {
  const schedule = warmupCosine({ initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 110, endValue: 0.1 });

  it("warms up linearly, decays by a cosine to end_value at decay_steps, then holds", () => {
    expectValues(schedule, [
      [-1, 0],
      [0, 0],
      [5, 0.5],
      [10, 1],
      [60, 0.55],
      [110, 0.1],
      [1000, 0.1],
    ]);
  });

  it("starts at the peak without warmup", () => {
    expectValues(warmupCosine({ peakValue: 1, warmupSteps: 0, decaySteps: 10 }), [[0, 1], [5, 0.5], [10, 0]]);
  });

  it("needs decay_steps > warmup_steps", () => {
    expectConfigError(() => warmupCosine({ peakValue: 1, warmupSteps: 10, decaySteps: 10 }), "decaySteps");
  });
});

describe("warmupLinear", () => {
  it("warms up then decays linearly to end_value at decay_steps", () => {
    expectValues(warmupLinear({ peakValue: 1, warmupSteps: 10, decaySteps: 110 }), [
      [0, 0],
      [5, 0.5],
      [10, 1],
      [60, 0.5],
      [110, 0],
      [200, 0],
    ]);
  });

  it("needs decay_steps > warmup_steps", () => {
    expectConfigError(() => warmupLinear({ peakValue: 1, warmupSteps: 10, decaySteps: 5 }), "decaySteps");
  });
});

describe("inverseSqrt", () => {
  it("is Vaswani et al.'s d_model^-0.5·min(t^-0.5, t·W^-1.5)", () => {
    expectValues(inverseSqrt({ dModel: 512, warmupSteps: 4000 }), [
      [0, 0],
      [1000, 512 ** -0.5 * 1000 * 4000 ** -1.5],
      [4000, 1 / Math.sqrt(512 * 4000)],
      [16000, 1 / Math.sqrt(512 * 16000)],
    ]);
  });

  it("with a peak value rises linearly to it at W, then falls as √(W/t)", () => {
    expectValues(inverseSqrt({ peakValue: 1, warmupSteps: 100 }), [
      [-1, 0],
      [0, 0],
      [50, 0.5],
      [100, 1],
      [400, 0.5],
    ]);
  });

  it("gives the same curve from d_model as from the peak (d_model·W)^-0.5", () => {
    const byModel = inverseSqrt({ dModel: 512, warmupSteps: 4000 });
    const byPeak = inverseSqrt({ peakValue: (512 * 4000) ** -0.5, warmupSteps: 4000 });
    for (const t of [1, 10, 3999, 4000, 4001, 1e5, 1e6]) expect(byPeak(t) / byModel(t)).toBeCloseTo(1, 14);
  });

  it("needs a positive integer warmup and exactly one of peakValue and dModel", () => {
    expectConfigError(() => inverseSqrt({ peakValue: 1, warmupSteps: 0 }), "warmupSteps");
    expectConfigError(() => inverseSqrt({ warmupSteps: 10 } as never), "peakValue");
    expectConfigError(() => inverseSqrt({ warmupSteps: 10, peakValue: 1, dModel: 512 } as never), "peakValue");
  });
});

describe("piecewiseConstant", () => {
  it("multiplies in each scale from its boundary on, whatever the table's order", () => {
    const table: [number, number][] = [
      [-1, 1],
      [99, 1],
      [100, 0.1],
      [150, 0.1],
      [200, 0.001],
      [250, 0.001],
    ];
    expectValues(piecewiseConstant({ initValue: 1, boundariesAndScales: { 100: 0.1, 200: 0.01 } }), table);
    expectValues(piecewiseConstant({ initValue: 1, boundariesAndScales: { 200: 0.01, 100: 0.1 } }), table);
    expectValues(piecewiseConstant({ initValue: 1 }), [[1e6, 1]]);
  });

  it("rejects negative scales", () => {
    expectConfigError(() => piecewiseConstant({ initValue: 1, boundariesAndScales: { 10: -0.5 } }), "boundariesAndScales.10");
  });
});

describe("piecewiseInterpolate", () => {
  it("interpolates linearly between the accumulated values (optax's documented example)", () => {
    expectValues(piecewiseInterpolate({ interpolateType: "linear", initValue: 1, boundariesAndScales: { 4: 0.1, 8: 0.01 } }), [
      [0, 1],
      [2, 0.55],
      [4, 0.1],
      [6, 0.0505],
      [8, 0.001],
      [10, 0.001],
    ]);
  });

  it("interpolates by a half cosine", () => {
    expectValues(piecewiseInterpolate({ interpolateType: "cosine", initValue: 1, boundariesAndScales: { 4: 0.1 } }), [
      [0, 1],
      [1, 0.1 + 0.45 * (1 + Math.SQRT1_2)],
      [2, 0.55],
      [4, 0.1],
    ]);
  });

  it("is 0 before step 0 and takes a scale at boundary 0 at once (optax)", () => {
    expectValues(piecewiseInterpolate({ interpolateType: "linear", initValue: 1, boundariesAndScales: { 4: 0.1 } }), [[-1, 0]]);
    expectValues(piecewiseInterpolate({ interpolateType: "linear", initValue: 1, boundariesAndScales: { 0: 0.5 } }), [[0, 0.5], [9, 0.5]]);
  });

  it("rejects an unknown interpolation", () => {
    expectConfigError(() => piecewiseInterpolate({ interpolateType: "cos" as never, initValue: 1 }), "interpolateType");
  });
});

describe("joinSchedules", () => {
  const schedules = [constantSchedule({ value: 1 }), linearSchedule({ initValue: 2, endValue: 0, transitionSteps: 10 })];

  it("switches at each boundary and shifts the later schedule's steps", () => {
    expectValues(joinSchedules({ schedules, boundaries: [5] }), [
      [-1, 1],
      [4, 1],
      [5, 2],
      [10, 1],
      [15, 0],
      [100, 0],
    ]);
  });

  it("skips a schedule between repeated boundaries (optax)", () => {
    const joined = joinSchedules({ schedules: [...schedules, constantSchedule({ value: 7 })], boundaries: [5, 5] });
    expectValues(joined, [[4, 1], [5, 7]]);
  });

  it("needs one boundary fewer than schedules, not decreasing", () => {
    expectConfigError(() => joinSchedules({ schedules, boundaries: [5, 6] }), "boundaries");
    expectConfigError(() => joinSchedules({ schedules: [...schedules, schedules[0]!], boundaries: [6, 5] }), "boundaries");
    expectConfigError(() => joinSchedules({ schedules: [], boundaries: [] }), "schedules");
  });
});

describe("sgdr", () => {
  it("restarts each cosine cycle at its own step 0 and holds the last cycle's end", () => {
    const schedule = sgdr({ cosineKwargs: [{ peakValue: 1, decaySteps: 10 }, { peakValue: 0.5, decaySteps: 20, endValue: 0.1 }] });
    expectValues(schedule, [
      [0, 1],
      [5, 0.5],
      [9, 0.5 * (1 + Math.cos(0.9 * Math.PI))],
      [10, 0.5],
      [20, 0.3],
      [30, 0.1],
      [100, 0.1],
    ]);
  });

  it("warms up within a cycle", () => {
    const schedule = sgdr({ cosineKwargs: [{ peakValue: 1, decaySteps: 10 }, { peakValue: 1, warmupSteps: 4, decaySteps: 14 }] });
    expectValues(schedule, [[10, 0], [12, 0.5], [14, 1], [19, 0.5]]);
  });
});

describe("oneCycle", () => {
  it("cos: from peak/div up to peak at pct_start·T, then down to peak/(div·final_div) at T", () => {
    expectValues(oneCycle({ transitionSteps: 100, peakValue: 1 }), [
      [-1, 0],
      [0, 0.04],
      [15, 0.52],
      [30, 1],
      [65, 4e-6 + (1 - 4e-6) / 2],
      [100, 4e-6],
      [200, 4e-6],
    ]);
  });

  it("linear: up to the peak, back to peak/div at pct_final·T, then to peak/(div·final_div) at T", () => {
    expectValues(oneCycle({ transitionSteps: 100, peakValue: 1, annealStrategy: "linear" }), [
      [0, 0.04],
      [15, 0.52],
      [30, 1],
      [50, 1 - (0.96 * 20) / 55],
      [85, 0.04],
      [90, 0.04 - ((0.04 - 4e-6) * 5) / 15],
      [100, 4e-6],
    ]);
  });

  it("takes div_factor and final_div_factor", () => {
    expectValues(oneCycle({ transitionSteps: 10, peakValue: 1, pctStart: 0.5, divFactor: 10, finalDivFactor: 100 }), [
      [0, 0.1],
      [5, 1],
      [10, 0.001],
    ]);
  });

  it("needs a positive integer transition_steps", () => {
    expectConfigError(() => oneCycle({ transitionSteps: 0, peakValue: 1 }), "transitionSteps");
  });
});

describe("warmupStableDecay", () => {
  const phases = { peakValue: 1, warmupSteps: 10, stableSteps: 80, decaySteps: 10, endValue: 0.1 };

  it("warms up, holds the peak, then cools down linearly to end_value", () => {
    expectValues(warmupStableDecay(phases), [
      [0, 0],
      [5, 0.5],
      [10, 1],
      [89, 1],
      [90, 1],
      [95, 0.55],
      [100, 0.1],
      [1000, 0.1],
    ]);
  });

  it("cools down by a cosine or by 1 − √u", () => {
    expectValues(warmupStableDecay({ ...phases, decayShape: "cosine" }), [[92, 0.1 + 0.45 * (1 + Math.cos(0.2 * Math.PI))], [95, 0.55]]);
    expectValues(warmupStableDecay({ ...phases, decayShape: "sqrt" }), [[92.5, 0.55], [95, 0.1 + 0.9 * (1 - Math.SQRT1_2)], [100, 0.1]]);
  });

  it("handles empty phases", () => {
    expectValues(warmupStableDecay({ ...phases, stableSteps: 0 }), [[10, 1], [15, 0.55]]);
    expectValues(warmupStableDecay({ ...phases, decaySteps: 0 }), [[89, 1], [90, 0.1]]);
    expectValues(warmupStableDecay({ ...phases, warmupSteps: 0, initValue: 0.5 }), [[-1, 0.5], [0, 1]]);
  });

  it("rejects an unknown decay shape", () => {
    expectConfigError(() => warmupStableDecay({ ...phases, decayShape: "exp" as never }), "decayShape");
  });
});
