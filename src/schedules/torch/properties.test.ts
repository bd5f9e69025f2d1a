/**
 * Invariants over arbitrary valid specs (fast-check): the rate is always a finite number ≥ 0,
 * LinearLR's warm-up never decreases, ReduceLROnPlateau never goes below min_lr (nor rises).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { createScheduler, schedulerFromInput } from "../create.js";

/** 0 or a normal number up to `max` (subnormal rates lose bits when halved, in torch too). */
const atLeast0 = (max: number) => fc.oneof(fc.constant(0), fc.double({ min: 1e-8, max, noNaN: true }));
const rate = atLeast0(1);
const fraction = atLeast0(1);
const factor = fc.double({ min: 1e-3, max: 1, noNaN: true });
const count = (max: number) => fc.integer({ min: 1, max });
const milestones = fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { maxLength: 5 }).map((m) => m.sort((a, b) => a - b));

const oneCycle = (totalSteps: fc.Arbitrary<number>) =>
  fc.record({
    type: fc.constant("OneCycleLR"),
    max_lr: rate,
    total_steps: totalSteps,
    pct_start: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    anneal_strategy: fc.constantFrom("cos", "linear"),
    three_phase: fc.boolean(),
    cycle_momentum: fc.boolean(),
    base_momentum: fraction,
    max_momentum: fraction,
    div_factor: fc.double({ min: 1, max: 1e3, noNaN: true }),
    final_div_factor: fc.double({ min: 1, max: 1e5, noNaN: true }),
  });

/** Specs that may be nested; OneCycleLR is long enough never to run out inside a composite. */
const leaf = fc.oneof(
  fc.record({ type: fc.constant("StepLR"), step_size: count(20), gamma: fc.double({ min: 1e-3, max: 1.5, noNaN: true }) }),
  fc.record({ type: fc.constant("MultiStepLR"), milestones, gamma: fc.double({ min: 1e-3, max: 1.5, noNaN: true }) }),
  fc.record({ type: fc.constant("ConstantLR"), factor, total_iters: count(50) }),
  fc.record({ type: fc.constant("LinearLR"), start_factor: factor, end_factor: fraction, total_iters: count(50) }),
  fc.record({ type: fc.constant("ExponentialLR"), gamma: fc.double({ min: 1e-3, max: 1.2, noNaN: true }) }),
  fc.record({ type: fc.constant("PolynomialLR"), total_iters: count(50), power: fc.double({ min: 0, max: 5, noNaN: true }) }),
  fc.record({ type: fc.constant("CosineAnnealingLR"), T_max: count(50), eta_min: atLeast0(0.2) }),
  fc.record({ type: fc.constant("CosineAnnealingWarmRestarts"), T_0: count(20), T_mult: count(3), eta_min: atLeast0(0.2) }),
  fc.record(
    {
      type: fc.constant("CyclicLR"),
      base_lr: rate,
      max_lr: rate,
      step_size_up: count(20),
      step_size_down: count(20),
      mode: fc.constantFrom("triangular", "triangular2", "exp_range"),
      gamma: factor,
      cycle_momentum: fc.boolean(),
      base_momentum: fraction,
      max_momentum: fraction,
    },
    { requiredKeys: ["type", "base_lr", "max_lr"] },
  ),
  oneCycle(fc.integer({ min: 200, max: 400 })),
);

const sequential = fc.array(leaf, { minLength: 1, maxLength: 4 }).chain((schedulers) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 150 }), { minLength: schedulers.length - 1, maxLength: schedulers.length - 1 })
    .map((m) => ({ type: "SequentialLR", schedulers, milestones: m.sort((a, b) => a - b) })),
);
const chained = fc.array(fc.oneof(leaf, sequential), { minLength: 1, maxLength: 3 }).map((schedulers) => ({ type: "ChainedScheduler", schedulers }));

/** A spec and how many steps it may take (OneCycleLR on its own: at most its total_steps − 1). */
const specAndSteps = fc.oneof(
  fc.tuple(fc.oneof(leaf, sequential, chained), fc.integer({ min: 1, max: 200 })),
  oneCycle(fc.integer({ min: 1, max: 150 })).chain((spec) => fc.tuple(fc.constant(spec), fc.integer({ min: 1, max: spec.total_steps }))),
);

/** createScheduler, or a skipped run when the spec is one of the rare invalid combinations (an empty OneCycleLR phase). */
function build(spec: unknown, baseLr: number) {
  try {
    return schedulerFromInput(spec, baseLr);
  } catch (e) {
    if (e instanceof ConfigError && e.key === "pct_start") fc.pre(false);
    throw e;
  }
}

describe("scheduler invariants", () => {
  it("the rate is a finite number ≥ 0 at every step of any valid spec", () => {
    fc.assert(
      fc.property(specAndSteps, rate, ([spec, steps], baseLr) => {
        const scheduler = build(spec, baseLr);
        for (let t = 0; t < steps; t++) {
          expect(Number.isFinite(scheduler.lr) && scheduler.lr >= 0, `lr ${scheduler.lr} at step ${t}`).toBe(true);
          scheduler.step();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("LinearLR with start_factor < end_factor never decreases over its warm-up", () => {
    const warmup = fc
      .tuple(factor, factor, count(60))
      .filter(([a, b]) => a !== b)
      .map(([a, b, n]) => ({ type: "LinearLR" as const, start_factor: Math.min(a, b), end_factor: Math.max(a, b), total_iters: n }));
    fc.assert(
      fc.property(warmup, rate, (spec, baseLr) => {
        const scheduler = createScheduler(spec, baseLr);
        for (let t = 0; t < spec.total_iters; t++) {
          const before = scheduler.lr;
          scheduler.step();
          expect(scheduler.lr).toBeGreaterThanOrEqual(before);
        }
      }),
    );
  });

  it("ReduceLROnPlateau never goes below min_lr and never raises the rate", () => {
    const spec = fc.record({
      type: fc.constant("ReduceLROnPlateau" as const),
      mode: fc.constantFrom("min", "max"),
      factor: fc.double({ min: 1e-3, max: 0.999, noNaN: true }),
      patience: fc.integer({ min: 0, max: 5 }),
      threshold: fc.double({ min: 0, max: 0.5, noNaN: true }),
      threshold_mode: fc.constantFrom("rel", "abs"),
      cooldown: fc.integer({ min: 0, max: 3 }),
      min_lr: atLeast0(0.05),
      eps: fc.double({ min: 0, max: 1e-3, noNaN: true }),
    });
    const metrics = fc.array(fc.oneof(fc.double(), fc.double({ min: 0, max: 2, noNaN: true })), { maxLength: 80 });
    fc.assert(
      fc.property(spec, rate, metrics, (s, baseLr, values) => {
        const scheduler = createScheduler(s, baseLr);
        for (const m of values) {
          const before = scheduler.lr;
          scheduler.step(m);
          expect(scheduler.lr).toBeLessThanOrEqual(before);
          expect(scheduler.lr).toBeGreaterThanOrEqual(Math.min(baseLr, s.min_lr));
        }
      }),
    );
  });
});
