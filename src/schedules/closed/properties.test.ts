/**
 * Invariants over arbitrary valid specs: every schedule returns a finite, non-negative rate at
 * every step in [0, 10^6]; warmups never go down and (with the end below the start) decays never
 * go up.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedFormFromSpec } from "./index.js";

const MAX_STEP = 1_000_000;
const value = fc.double({ min: 0, max: 10, noNaN: true });
const stepCount = fc.integer({ min: 0, max: MAX_STEP });
const positiveSteps = fc.integer({ min: 1, max: MAX_STEP });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const exponent = fc.double({ min: 1e-3, max: 5, noNaN: true });
const boundariesAndScales = fc.dictionary(stepCount.map(String), fc.double({ min: 0, max: 2, noNaN: true }), { maxKeys: 5 });
/** Warmup length W and total length D > W. */
const warmupAndTotal = fc.tuple(fc.integer({ min: 0, max: 100_000 }), positiveSteps).map(([w, extra]) => ({ warmup_steps: w, decay_steps: w + extra }));
const cosineCycle = fc.record(
  { init_value: value, peak_value: value, end_value: value, exponent, phases: warmupAndTotal },
  { requiredKeys: ["phases"] },
).map(({ phases, ...rest }) => ({ ...rest, ...phases }));

const leafSpecs: fc.Arbitrary<Record<string, unknown>>[] = [
  fc.record({ type: fc.constant("constant"), value }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constant("linear"), init_value: value, end_value: value, transition_steps: stepCount, transition_begin: stepCount }),
  fc.record({
    type: fc.constant("polynomial"),
    init_value: value,
    end_value: value,
    power: fc.double({ min: 0, max: 5, noNaN: true }),
    transition_steps: stepCount,
    transition_begin: stepCount,
  }),
  fc.oneof(
    fc.record({ decay_rate: fc.double({ min: 1e-6, max: 1, noNaN: true }), end_value: fc.option(value, { nil: undefined }) }),
    fc.record({ decay_rate: fc.double({ min: 1, max: 10, noNaN: true }), end_value: value }),
  ).chain((rate) =>
    fc.record({
      type: fc.constant("exponential"),
      init_value: value,
      transition_steps: positiveSteps,
      transition_begin: stepCount,
      staircase: fc.boolean(),
      ...Object.fromEntries(Object.entries(rate).filter(([, v]) => v !== undefined).map(([k, v]) => [k, fc.constant(v)])),
    }),
  ),
  fc.record({ type: fc.constant("cosine"), init_value: value, decay_steps: positiveSteps, alpha: fc.double({ min: 0, max: 2, noNaN: true }), exponent }),
  cosineCycle.map((c) => ({ type: "warmup_cosine", ...c })),
  fc.record({ init_value: value, peak_value: value, end_value: value, phases: warmupAndTotal }).map(({ phases, ...rest }) => ({
    type: "warmup_linear",
    ...rest,
    ...phases,
  })),
  fc.oneof(fc.record({ peak_value: value }), fc.record({ d_model: fc.integer({ min: 1, max: 8192 }) })).chain((scale) =>
    fc.record({ type: fc.constant("inverse_sqrt"), warmup_steps: fc.integer({ min: 1, max: 100_000 }) }).map((s) => ({ ...s, ...scale })),
  ),
  fc.record({ type: fc.constant("piecewise_constant"), init_value: value, boundaries_and_scales: boundariesAndScales }),
  fc.record({
    type: fc.constant("piecewise_interpolate"),
    interpolate_type: fc.constantFrom("linear", "cosine"),
    init_value: value,
    boundaries_and_scales: boundariesAndScales,
  }),
  fc.record({ type: fc.constant("sgdr"), cosine_kwargs: fc.array(cosineCycle, { minLength: 1, maxLength: 4 }) }),
  fc
    .record({
      type: fc.constant("one_cycle"),
      transition_steps: positiveSteps,
      peak_value: value,
      div_factor: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      final_div_factor: fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
      phases: fc.oneof(
        fc.record({ anneal_strategy: fc.constant("cos"), pct_start: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
        fc.tuple(fraction, fraction).map(([a, b]) => ({ anneal_strategy: "linear", pct_start: Math.min(a, b), pct_final: Math.max(a, b) })),
      ),
    })
    .map(({ phases, ...rest }) => ({ ...rest, ...phases }))
    .filter(phasesFit),
  fc.record({
    type: fc.constant("warmup_stable_decay"),
    init_value: value,
    peak_value: value,
    end_value: value,
    warmup_steps: stepCount,
    stable_steps: stepCount,
    decay_steps: stepCount,
    decay_shape: fc.constantFrom("linear", "cosine", "sqrt"),
  }),
];

/** One-cycle phase boundaries ⌊pct_start·T⌋ (< ⌊pct_final·T⌋) < T increase, as specs require. */
function phasesFit(s: { transition_steps: number; pct_start: number; pct_final?: number }): boolean {
  const start = Math.trunc(s.pct_start * s.transition_steps);
  const final = s.pct_final === undefined ? start + 1 : Math.trunc(s.pct_final * s.transition_steps);
  return start < final && final < s.transition_steps;
}

const joinSpec = fc.array(fc.oneof(...leafSpecs), { minLength: 1, maxLength: 4 }).chain((schedules) =>
  fc.uniqueArray(stepCount, { minLength: schedules.length - 1, maxLength: schedules.length - 1 }).map((boundaries) => ({
    type: "join",
    schedules,
    boundaries: boundaries.sort((x, y) => x - y),
  })),
);

const anySpec = fc.oneof(...leafSpecs, joinSpec);
const steps = fc.array(stepCount, { minLength: 1, maxLength: 30 }).map((s) => [0, MAX_STEP, ...s]);

/** Two steps a ≤ b in [0, end]. */
function orderedSteps(end: number): fc.Arbitrary<[number, number]> {
  return fc.tuple(fc.integer({ min: 0, max: end }), fc.integer({ min: 0, max: end })).map(([x, y]) => [Math.min(x, y), Math.max(x, y)]);
}

describe("closed-form schedule invariants", () => {
  it("every valid spec gives a finite, non-negative rate at every step in [0, 1e6]", () => {
    fc.assert(
      fc.property(anySpec, value, steps, (spec, baseLr, ts) => {
        const schedule = closedFormFromSpec(spec, baseLr, "scheduler");
        for (const t of ts) {
          const lr = schedule(t);
          expect(Number.isFinite(lr) && lr >= 0, `step ${t}: ${lr}`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  /** Specs whose warmup runs from step 0 to `end` with the start at most the peak. */
  const warmups: fc.Arbitrary<{ spec: Record<string, unknown>; end: number }> = fc.oneof(
    fc.tuple(value, value, warmupAndTotal, fc.constantFrom("warmup_cosine", "warmup_linear")).map(([a, b, phases, type]) => ({
      spec: { type, init_value: Math.min(a, b), peak_value: Math.max(a, b), ...phases },
      end: phases.warmup_steps,
    })),
    fc.tuple(value, value, stepCount, stepCount, fc.constantFrom("linear", "cosine", "sqrt")).map(([a, b, w, s, shape]) => ({
      spec: { type: "warmup_stable_decay", init_value: Math.min(a, b), peak_value: Math.max(a, b), warmup_steps: w, stable_steps: s, decay_steps: 10, decay_shape: shape },
      end: w + s,
    })),
    fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.oneof(fc.record({ peak_value: value }), fc.record({ d_model: fc.integer({ min: 1, max: 8192 }) }))).map(([w, scale]) => ({
      spec: { type: "inverse_sqrt", warmup_steps: w, ...scale },
      end: w,
    })),
    fc
      .tuple(positiveSteps, fraction, fc.double({ min: 1, max: 1e3, noNaN: true }), fc.constantFrom("cos", "linear"))
      .map(([n, pct, div, strategy]) => ({
        spec: { type: "one_cycle", transition_steps: n, peak_value: 1, pct_start: pct, div_factor: div, anneal_strategy: strategy, ...(strategy === "linear" ? { pct_final: 1 - 1e-9 } : {}) },
        end: Math.trunc(pct * n),
      }))
      .filter(({ spec }) => phasesFit(spec)),
    fc.tuple(value, value, stepCount, stepCount).map(([a, b, n, begin]) => ({
      spec: { type: "linear", init_value: Math.min(a, b), end_value: Math.max(a, b), transition_steps: n, transition_begin: begin },
      end: MAX_STEP,
    })),
  );

  it("warmup phases are monotone non-decreasing", () => {
    fc.assert(
      fc.property(
        warmups.chain(({ spec, end }) => orderedSteps(end).map((ab) => ({ spec, ab }))),
        ({ spec, ab: [a, b] }) => {
          const schedule = closedFormFromSpec(spec, 0.1, "scheduler");
          expect(schedule(a)).toBeLessThanOrEqual(schedule(b));
        },
      ),
      { numRuns: 500 },
    );
  });

  /** Specs that decay from `start` on, with the end value at most the start. */
  const decays: fc.Arbitrary<{ spec: Record<string, unknown>; start: number }> = fc.oneof(
    fc.tuple(value, positiveSteps, fraction, exponent).map(([v, n, alpha, p]) => ({
      spec: { type: "cosine", init_value: v, decay_steps: n, alpha, exponent: p },
      start: 0,
    })),
    fc.tuple(value, value, warmupAndTotal, exponent).map(([a, b, phases, p]) => ({
      spec: { type: "warmup_cosine", peak_value: Math.max(a, b), end_value: Math.min(a, b), exponent: p, ...phases },
      start: phases.warmup_steps,
    })),
    fc.tuple(value, value, stepCount, fc.double({ min: 0, max: 5, noNaN: true })).map(([a, b, n, power]) => ({
      spec: { type: "polynomial", init_value: Math.max(a, b), end_value: Math.min(a, b), transition_steps: n, power },
      start: 0,
    })),
    fc.tuple(value, positiveSteps, fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.boolean()).map(([v, n, rate, staircase]) => ({
      spec: { type: "exponential", init_value: v, transition_steps: n, decay_rate: rate, staircase },
      start: 0,
    })),
    fc.tuple(value, value, stepCount, stepCount, stepCount, fc.constantFrom("linear", "cosine", "sqrt")).map(([a, b, w, s, d, shape]) => ({
      spec: { type: "warmup_stable_decay", peak_value: Math.max(a, b), end_value: Math.min(a, b), warmup_steps: w, stable_steps: s, decay_steps: d, decay_shape: shape },
      start: w,
    })),
  );

  it("decay phases are monotone non-increasing", () => {
    fc.assert(
      fc.property(
        decays.chain(({ spec, start }) => orderedSteps(MAX_STEP - start).map(([a, b]) => ({ spec, ab: [a + start, b + start] as const }))),
        ({ spec, ab: [a, b] }) => {
          const schedule = closedFormFromSpec(spec, 0.1, "scheduler");
          expect(schedule(a)).toBeGreaterThanOrEqual(schedule(b));
        },
      ),
      { numRuns: 500 },
    );
  });
});
