import { describe, expect, it } from "vitest";
import { readFixture } from "../../test/fixtures.js";
import { closedFormFromSpec } from "./closed/spec.js";
import { createScheduler, schedulerFromInput, type NestedSchedulerSpec, type SchedulerContext, type SchedulerSpec } from "./create.js";
import { cyclicLR } from "./torch/cyclic-lr.js";
import { lambdaLR } from "./torch/lambda-lr.js";
import { multiplicativeLR } from "./torch/multiplicative-lr.js";
import type { Scheduler } from "./types.js";
import { catchConfigError as configError } from "../testing/config-error.js";

const errorOf = (spec: unknown, context?: SchedulerContext) => configError(() => schedulerFromInput(spec, 0.1, context));

function run(scheduler: Scheduler, steps: number, metrics?: (t: number) => number): number[] {
  const lr: number[] = [];
  for (let t = 0; t < steps; t++) {
    lr.push(scheduler.lr);
    scheduler.step(metrics?.(t));
  }
  return lr;
}

describe("createScheduler: spec errors name the key, the value and what is valid", () => {
  it("an unknown type, with a did-you-mean hint and the valid types", () => {
    const e = errorOf({ type: "StepRL", step_size: 3 });
    expect(e.key).toBe("type");
    expect(e.message).toContain('scheduler.type: unknown scheduler type (did you mean "StepLR"?)');
    expect(e.message).toContain("CosineAnnealingWarmRestarts");
    expect(e.message).toContain("warmup_cosine");
    expect(e.message).toContain('got "StepRL"');
    expect(errorOf({ type: "onecyclelr", max_lr: 1 }).message).toContain('did you mean "OneCycleLR"');
  });

  it("a missing type, a spec that is not an object, and the lambda schedulers", () => {
    expect(errorOf({ step_size: 3 }).message).toContain("scheduler.type: unknown scheduler type; valid: StepLR");
    expect(errorOf({ step_size: 3 }).message).toContain("it is missing");
    expect(errorOf(null).message).toMatch(/^scheduler: expected a scheduler spec .*; got null$/);
    expect(errorOf("StepLR").message).toContain('got "StepLR"');
    expect(errorOf({ type: "LambdaLR" }).message).toContain("lambdaLR(fn, baseLr)");
    expect(errorOf({ type: "MultiplicativeLR" }).message).toContain("multiplicativeLR(fn, baseLr)");
  });

  it("a misspelt key, with a did-you-mean hint and the valid keys", () => {
    const e = errorOf({ type: "StepLR", step_size: 3, gama: 0.5 });
    expect(e.key).toBe("gama");
    expect(e.message).toContain('unknown key "gama" (did you mean "gamma"?)');
    expect(e.message).toContain("valid keys: type, step_size, gamma, interval");
    expect(errorOf({ type: "OneCycleLR", max_lr: 1, total_steps: 10, intervall: "step" }).message).toContain('did you mean "interval"');
  });

  it("a value of the wrong type", () => {
    const e = errorOf({ type: "StepLR", step_size: "7" });
    expect(e.key).toBe("step_size");
    expect(e.message).toBe('scheduler.step_size: expected number, received string; got "7"');
    expect(errorOf({ type: "CyclicLR", base_lr: 0.1, max_lr: 1, cycle_momentum: "yes" }).key).toBe("cycle_momentum");
    expect(errorOf({ type: "MultiStepLR", milestones: 5 }).key).toBe("milestones");
  });

  it("a missing required value", () => {
    expect(errorOf({ type: "ExponentialLR" }).message).toBe("scheduler.gamma: expected number, received undefined; it is missing");
    expect(errorOf({ type: "CosineAnnealingLR" }).key).toBe("T_max");
    expect(errorOf({ type: "CyclicLR", base_lr: 0.01 }).key).toBe("max_lr");
  });

  const outOfRange: [string, Record<string, unknown>, string, unknown, RegExp][] = [
    ["StepLR step_size 0", { type: "StepLR", step_size: 0 }, "step_size", 0, />0/],
    ["StepLR step_size 2.5", { type: "StepLR", step_size: 2.5 }, "step_size", 2.5, /int/],
    ["StepLR gamma ≤ 0", { type: "StepLR", step_size: 3, gamma: 0 }, "gamma", 0, />0/],
    ["MultiStepLR decreasing", { type: "MultiStepLR", milestones: [5, 3] }, "milestones", [5, 3], /strictly increasing/],
    ["MultiStepLR repeated", { type: "MultiStepLR", milestones: [2, 2] }, "milestones", [2, 2], /strictly increasing/],
    ["MultiStepLR negative", { type: "MultiStepLR", milestones: [-1, 4] }, "milestones.0", -1, />=0/],
    ["ConstantLR factor 0", { type: "ConstantLR", factor: 0 }, "factor", 0, />0/],
    ["ConstantLR factor > 1", { type: "ConstantLR", factor: 1.5 }, "factor", 1.5, /<=1/],
    ["ConstantLR total_iters 0", { type: "ConstantLR", total_iters: 0 }, "total_iters", 0, />0/],
    ["LinearLR start_factor 0", { type: "LinearLR", start_factor: 0 }, "start_factor", 0, />0/],
    ["LinearLR end_factor > 1", { type: "LinearLR", end_factor: 1.2 }, "end_factor", 1.2, /<=1/],
    ["ExponentialLR gamma < 0", { type: "ExponentialLR", gamma: -0.9 }, "gamma", -0.9, />0/],
    ["PolynomialLR power < 0", { type: "PolynomialLR", power: -1 }, "power", -1, />=0/],
    ["CosineAnnealingLR T_max 0", { type: "CosineAnnealingLR", T_max: 0 }, "T_max", 0, />0/],
    ["CosineAnnealingLR eta_min < 0", { type: "CosineAnnealingLR", T_max: 5, eta_min: -0.1 }, "eta_min", -0.1, />=0/],
    ["CosineAnnealingWarmRestarts T_0 0", { type: "CosineAnnealingWarmRestarts", T_0: 0 }, "T_0", 0, />0/],
    ["CosineAnnealingWarmRestarts T_mult 0", { type: "CosineAnnealingWarmRestarts", T_0: 5, T_mult: 0 }, "T_mult", 0, />=1/],
    ["CosineAnnealingWarmRestarts T_mult 1.5", { type: "CosineAnnealingWarmRestarts", T_0: 5, T_mult: 1.5 }, "T_mult", 1.5, /int/],
    ["CyclicLR negative base_lr", { type: "CyclicLR", base_lr: -0.1, max_lr: 1 }, "base_lr", -0.1, />=0/],
    ["CyclicLR unknown mode", { type: "CyclicLR", base_lr: 0.1, max_lr: 1, mode: "triangle" }, "mode", "triangle", /\(did you mean "triangular"\?\); valid: triangular, triangular2, exp_range/],
    ["CyclicLR gamma > 1", { type: "CyclicLR", base_lr: 0.1, max_lr: 1, mode: "exp_range", gamma: 1.5 }, "gamma", 1.5, /<=1/],
    ["CyclicLR step_size_down 0", { type: "CyclicLR", base_lr: 0.1, max_lr: 1, step_size_down: 0 }, "step_size_down", 0, />0/],
    ["CyclicLR momentum > 1", { type: "CyclicLR", base_lr: 0.1, max_lr: 1, max_momentum: 1.2 }, "max_momentum", 1.2, /<=1/],
    ["CyclicLR scale_mode against mode", { type: "CyclicLR", base_lr: 0.1, max_lr: 1, scale_mode: "iterations" }, "scale_mode", "iterations", /always scales per cycle/],
    ["OneCycleLR negative max_lr", { type: "OneCycleLR", max_lr: -1, total_steps: 10 }, "max_lr", -1, />=0/],
    ["OneCycleLR total_steps 0", { type: "OneCycleLR", max_lr: 1, total_steps: 0 }, "total_steps", 0, />0/],
    ["OneCycleLR pct_start 0", { type: "OneCycleLR", max_lr: 1, total_steps: 10, pct_start: 0 }, "pct_start", 0, />0/],
    ["OneCycleLR pct_start 1", { type: "OneCycleLR", max_lr: 1, total_steps: 10, pct_start: 1 }, "pct_start", 1, /<1/],
    ["OneCycleLR empty phase", { type: "OneCycleLR", max_lr: 1, total_steps: 10, pct_start: 0.1 }, "pct_start", 0.1, /leaves a phase of the cycle empty/],
    ["OneCycleLR unknown anneal", { type: "OneCycleLR", max_lr: 1, total_steps: 10, anneal_strategy: "cosine" }, "anneal_strategy", "cosine", /valid: cos, linear/],
    ["OneCycleLR div_factor 0", { type: "OneCycleLR", max_lr: 1, total_steps: 10, div_factor: 0 }, "div_factor", 0, />0/],
    ["OneCycleLR epochs alone", { type: "OneCycleLR", max_lr: 1, epochs: 3 }, "steps_per_epoch", undefined, /needs both epochs and steps_per_epoch/],
    ["OneCycleLR no length", { type: "OneCycleLR", max_lr: 1 }, "total_steps", undefined, /needs total_steps, or epochs and steps_per_epoch/],
    ["ReduceLROnPlateau factor 1", { type: "ReduceLROnPlateau", factor: 1 }, "factor", 1, /<1/],
    ["ReduceLROnPlateau factor 0", { type: "ReduceLROnPlateau", factor: 0 }, "factor", 0, />0/],
    ["ReduceLROnPlateau patience < 0", { type: "ReduceLROnPlateau", patience: -1 }, "patience", -1, />=0/],
    ["ReduceLROnPlateau cooldown 0.5", { type: "ReduceLROnPlateau", cooldown: 0.5 }, "cooldown", 0.5, /int/],
    ["ReduceLROnPlateau min_lr < 0", { type: "ReduceLROnPlateau", min_lr: -1e-3 }, "min_lr", -1e-3, />=0/],
    ["ReduceLROnPlateau eps < 0", { type: "ReduceLROnPlateau", eps: -1 }, "eps", -1, />=0/],
    ["ReduceLROnPlateau unknown mode", { type: "ReduceLROnPlateau", mode: "minimum" }, "mode", "minimum", /valid: min, max/],
    ["ReduceLROnPlateau unknown threshold_mode", { type: "ReduceLROnPlateau", threshold_mode: "relative" }, "threshold_mode", "relative", /valid: rel, abs/],
    ["unknown interval", { type: "StepLR", step_size: 3, interval: "batch" }, "interval", "batch", /valid: step, epoch/],
    ["SequentialLR milestone count", { type: "SequentialLR", schedulers: [{ type: "ConstantLR" }, { type: "ExponentialLR", gamma: 0.9 }], milestones: [3, 6] }, "milestones", [3, 6], /one milestone fewer than schedulers \(2 schedulers, so 1 milestone\)/],
    ["SequentialLR milestones decreasing", { type: "SequentialLR", schedulers: [{ type: "ConstantLR" }, { type: "ConstantLR" }, { type: "ConstantLR" }], milestones: [6, 3] }, "milestones", [6, 3], /strictly increasing/],
    ["SequentialLR milestone 0", { type: "SequentialLR", schedulers: [{ type: "ConstantLR" }, { type: "ConstantLR" }], milestones: [0] }, "milestones.0", 0, />0/],
    ["SequentialLR no schedulers", { type: "SequentialLR", schedulers: [], milestones: [] }, "schedulers", [], />=1/],
    ["ChainedScheduler no schedulers", { type: "ChainedScheduler", schedulers: [] }, "schedulers", [], />=1/],
  ];

  for (const [name, spec, key, value, valid] of outOfRange) {
    it(name, () => {
      const e = errorOf(spec);
      expect(e.key).toBe(key);
      expect(e.value).toEqual(value);
      expect(e.message.startsWith(`scheduler.${key}: `)).toBe(true);
      expect(e.message).toMatch(valid);
      if (value !== undefined) expect(e.message).toContain(JSON.stringify(value));
    });
  }

  it("errors inside nested specs name their place", () => {
    const seq = (second: unknown) => ({ type: "SequentialLR", schedulers: [{ type: "LinearLR" }, second], milestones: [5] });
    const e = errorOf(seq({ type: "CosineAnnealingLR", T_max: 0 }));
    expect(e.where).toBe("scheduler.schedulers[1]");
    expect(e.key).toBe("T_max");
    expect(e.message).toMatch(/^scheduler\.schedulers\[1\]\.T_max: .*>0.*got 0$/);
    expect(errorOf(seq({ type: "CosineAnealingLR", T_max: 5 })).message).toContain('scheduler.schedulers[1].type: unknown scheduler type (did you mean "CosineAnnealingLR"?)');
    const deep = errorOf({ type: "ChainedScheduler", schedulers: [{ type: "ExponentialLR", gamma: 0.9 }, seq({ type: "StepLR", step_size: 2, gama: 1 })] });
    expect(deep.message).toContain('scheduler.schedulers[1].schedulers[1]: unknown key "gama"');
  });

  it("nesting that torch cannot step is refused", () => {
    const plateau = errorOf({ type: "ChainedScheduler", schedulers: [{ type: "ReduceLROnPlateau" }] });
    expect(plateau.message).toContain("scheduler.schedulers[0].type: ReduceLROnPlateau steps on a metric and cannot be nested");
    const chained = errorOf({ type: "SequentialLR", schedulers: [{ type: "ChainedScheduler", schedulers: [{ type: "ConstantLR" }] }, { type: "ConstantLR" }], milestones: [3] });
    expect(chained.message).toContain("scheduler.schedulers[0]: SequentialLR cannot hold a ChainedScheduler");
    const inner: NestedSchedulerSpec = { type: "SequentialLR", schedulers: [{ type: "ConstantLR" }, { type: "ConstantLR" }], milestones: [2] };
    expect(errorOf({ type: "SequentialLR", schedulers: [{ type: "ConstantLR" }, inner], milestones: [3] }).message).toContain(
      "scheduler.schedulers[1]: SequentialLR cannot restart a SequentialLR at a milestone",
    );
    expect(() => createScheduler({ type: "SequentialLR", schedulers: [inner, { type: "ConstantLR" }], milestones: [5] }, 0.1)).not.toThrow();
    const interval = errorOf({ type: "ChainedScheduler", schedulers: [{ type: "ConstantLR", interval: "epoch" }] });
    expect(interval.message).toBe('scheduler.schedulers[0].interval: only the outermost scheduler takes an interval; got "epoch"');
  });

  it("a bad base learning rate or trainer step count", () => {
    expect(configError(() => createScheduler({ type: "ConstantLR" }, -0.1)).message).toContain("finite number ≥ 0; got -0.1");
    expect(configError(() => createScheduler({ type: "ConstantLR" }, NaN)).key).toBe("lr");
    expect(errorOf({ type: "OneCycleLR", max_lr: 1 }, { totalSteps: 0 }).key).toBe("totalSteps");
    expect(configError(() => lambdaLR(() => 1, Infinity)).where).toBe("lambdaLR");
  });
});

describe("createScheduler: what is built", () => {
  it("interval defaults to step and is taken from the outermost spec", () => {
    expect(createScheduler({ type: "ConstantLR" }, 0.1).interval).toBe("step");
    expect(createScheduler({ type: "ExponentialLR", gamma: 0.9, interval: "epoch" }, 0.1).interval).toBe("epoch");
    expect(createScheduler({ type: "ChainedScheduler", schedulers: [{ type: "ConstantLR" }], interval: "epoch" }, 0.1).interval).toBe("epoch");
  });

  it("momentum is undefined unless the scheduler cycles it", () => {
    expect(createScheduler({ type: "StepLR", step_size: 2 }, 0.1).momentum).toBeUndefined();
    expect(createScheduler({ type: "CyclicLR", base_lr: 0.01, max_lr: 0.1, cycle_momentum: false }, 0.1).momentum).toBeUndefined();
    expect(createScheduler({ type: "CyclicLR", base_lr: 0.01, max_lr: 0.1 }, 0.1).momentum).toBe(0.9);
    expect(createScheduler({ type: "OneCycleLR", max_lr: 0.1, total_steps: 10 }, 0.1).momentum).toBe(0.95);
  });

  it("OneCycleLR takes its length from total_steps, else epochs × steps_per_epoch, else the trainer", () => {
    const spec = { type: "OneCycleLR", max_lr: 0.5, anneal_strategy: "linear" } as const;
    const explicit = run(createScheduler({ ...spec, total_steps: 24 }, 0.1), 24);
    expect(run(createScheduler({ ...spec, epochs: 4, steps_per_epoch: 6 }, 0.1), 24)).toEqual(explicit);
    expect(run(createScheduler(spec, 0.1, { totalSteps: 24 }), 24)).toEqual(explicit);
    expect(run(createScheduler({ ...spec, total_steps: 24 }, 0.1, { totalSteps: 100 }), 24)).toEqual(explicit);
    expect(explicit[0]).toBeCloseTo(0.5 / 25, 15);
  });

  it("OneCycleLR inside SequentialLR spans its segment when the trainer gives the length", () => {
    const spec: SchedulerSpec = { type: "SequentialLR", schedulers: [{ type: "ConstantLR", factor: 0.5, total_iters: 10 }, { type: "OneCycleLR", max_lr: 0.5 }], milestones: [10] };
    const lr = run(createScheduler(spec, 0.1, { totalSteps: 40 }), 40);
    expect(lr.slice(10)).toEqual(run(createScheduler({ type: "OneCycleLR", max_lr: 0.5, total_steps: 30 }, 0.1), 30));
    expect(errorOf(spec).key).toBe("total_steps");
  });

  it("OneCycleLR steps total_steps times, then throws as torch does", () => {
    // torch's message counts the constructor's step: the 11th step() call is its 12th step.
    const scheduler = createScheduler({ type: "OneCycleLR", max_lr: 0.5, total_steps: 10 }, 0.1);
    for (let t = 0; t < 10; t++) scheduler.step();
    expect(() => scheduler.step()).toThrow(/^OneCycleLR: tried to step 12 times; the specified number of total steps is 10$/);
    expect(() => scheduler.step()).toThrow(RangeError);
  });

  it("with the run's real step count, a OneCycleLR cycle too short for its own share is a ConfigError at any depth", () => {
    const oneCycle = (total_steps: number) => ({ type: "OneCycleLR", max_lr: 0.5, total_steps }) as const;
    const real = { totalSteps: 500, howCounted: "2 epochs × 250 batches" };
    const top = errorOf(oneCycle(499), real);
    expect(top).toMatchObject({ where: "scheduler", key: "total_steps", value: 499 });
    expect(top.message).toContain("scheduler.total_steps: OneCycleLR's cycle (total_steps 499) is shorter than the 500 steps the run takes (2 epochs × 250 batches)");
    const chained = errorOf({ type: "ChainedScheduler", schedulers: [{ type: "ConstantLR" }, oneCycle(100)] }, real);
    expect(chained).toMatchObject({ where: "scheduler.schedulers[1]", key: "total_steps" });
    expect(chained.message).toContain("is shorter than the 500 steps the run takes (2 epochs × 250 batches)");

    const sequential = (second: NestedSchedulerSpec): SchedulerSpec => ({ type: "SequentialLR", schedulers: [{ type: "ConstantLR", factor: 0.5, total_iters: 200 }, second], milestones: [200] });
    const segment = errorOf(sequential(oneCycle(299)), real);
    expect(segment).toMatchObject({ where: "scheduler.schedulers[1]", key: "total_steps", value: 299 });
    expect(segment.message).toBe(
      "scheduler.schedulers[1].total_steps: OneCycleLR's cycle (total_steps 299) is shorter than the 300 steps this scheduler runs (steps 200–499 of the 500 the run takes (2 epochs × 250 batches)), and stepping past its end is an error; set total_steps to at least 300, or leave it out to have it inferred",
    );
    expect(() => createScheduler(sequential(oneCycle(300)), 0.1, real)).not.toThrow();
    const deeper = errorOf({ type: "ChainedScheduler", schedulers: [{ type: "SequentialLR", schedulers: [oneCycle(150), { type: "ConstantLR" }], milestones: [200] }] }, real);
    expect(deeper).toMatchObject({ where: "scheduler.schedulers[0].schedulers[0]", key: "total_steps" });
    expect(deeper.message).toContain("shorter than the 200 steps this scheduler runs (steps 0–199 of the 500 the run takes (2 epochs × 250 batches))");
  });

  it("without howCounted the trainer's count is nominal: a given cycle is not held to it", () => {
    expect(() => createScheduler({ type: "OneCycleLR", max_lr: 0.5, total_steps: 10 }, 0.1, { totalSteps: 1000 })).not.toThrow();
  });

  it("reports as 0 a rate that torch's rounding takes below 0, and keeps torch's value for the next steps", () => {
    const scheduler = createScheduler({ type: "LinearLR", start_factor: 0.15, end_factor: 0, total_iters: 36 }, 0.1);
    run(scheduler, 36);
    const group = scheduler.state().group as { lr: number };
    expect(group.lr).toBeLessThan(0);
    expect(group.lr).toBeGreaterThan(-1e-17);
    expect(scheduler.lr).toBe(0);
  });

  it("ReduceLROnPlateau requires the metric", () => {
    const scheduler = createScheduler({ type: "ReduceLROnPlateau" }, 0.1);
    expect(() => scheduler.step()).toThrow(TypeError);
    expect(() => scheduler.step()).toThrow(/needs the monitored metric/);
    expect(scheduler.lr).toBe(0.1);
  });

  it("ReduceLROnPlateau counts a NaN metric as no improvement", () => {
    const scheduler = createScheduler({ type: "ReduceLROnPlateau", patience: 1, factor: 0.5 }, 0.1);
    scheduler.step(1);
    scheduler.step(NaN);
    expect(scheduler.lr).toBe(0.1);
    scheduler.step(NaN);
    expect(scheduler.lr).toBe(0.05);
  });

  it("a closed-form spec runs as schedule(t) on its own and restarts at its milestone inside SequentialLR", () => {
    const closed = { type: "warmup_cosine", warmup_steps: 5, decay_steps: 30 } as const;
    const schedule = closedFormFromSpec(closed, 0.1, "test");
    const alone = createScheduler({ ...closed, interval: "epoch" }, 0.1);
    expect(alone.interval).toBe("epoch");
    expect(run(alone, 30)).toEqual(Array.from({ length: 30 }, (_, t) => schedule(t)));
    const seq = createScheduler({ type: "SequentialLR", schedulers: [{ type: "ConstantLR", factor: 0.5, total_iters: 100 }, closed], milestones: [8] }, 0.1);
    expect(run(seq, 30).slice(8)).toEqual(Array.from({ length: 22 }, (_, t) => schedule(t)));
    expect(errorOf({ type: "warmup_cosine", warmup_steps: 5 }).message).toContain("scheduler.decay_steps");
  });

  it("lambdaLR scales the base rate by fn(t); multiplicativeLR multiplies the rate by fn(t) from t = 1", () => {
    expect(run(lambdaLR((t) => 2 ** -t, 0.6), 3)).toEqual([0.6, 0.3, 0.15]);
    expect(run(multiplicativeLR(() => 0.5, 0.8, "epoch"), 4)).toEqual([0.8, 0.4, 0.2, 0.1]);
    expect(multiplicativeLR(() => 0.5, 0.8, "epoch").interval).toBe("epoch");
  });

  it("cyclicLR from code takes a custom scale_fn applied per cycle or per iteration", () => {
    const options = { base_lr: 0, max_lr: 1, step_size_up: 2, cycle_momentum: false };
    const perCycle = run(cyclicLR({ ...options, scale_fn: (c) => 1 / c }), 9);
    expect(perCycle).toEqual([0, 0.5, 1, 0.5, 0, 0.25, 0.5, 0.25, 0]);
    const perStep = run(cyclicLR({ ...options, scale_fn: (t) => (t < 4 ? 1 : 0), scale_mode: "iterations" }), 6);
    expect(perStep).toEqual([0, 0.5, 1, 0.5, 0, 0]);
    expect(run(cyclicLR(options), 5)).toEqual([0, 0.5, 1, 0.5, 0]);
  });
});

interface FixtureCase {
  name: string;
  spec: unknown;
  initial_lr: number;
  steps: number;
  metrics?: number[];
}

describe("state() and load()", () => {
  const cases = readFixture<{ cases: FixtureCase[] }>("torch/schedules.json").cases;
  const extra: FixtureCase[] = [
    {
      name: "nested SequentialLR in ChainedScheduler",
      spec: {
        type: "ChainedScheduler",
        schedulers: [
          { type: "SequentialLR", schedulers: [{ type: "CosineAnnealingWarmRestarts", T_0: 3, T_mult: 2 }, { type: "LinearLR" }, { type: "warmup_cosine", warmup_steps: 2, decay_steps: 9 }], milestones: [11, 16] },
          { type: "MultiStepLR", milestones: [4, 13] },
        ],
      },
      initial_lr: 0.1,
      steps: 30,
    },
  ];

  const build = (c: FixtureCase) => (c.spec === null ? multiplicativeLR((e) => (e % 2 ? 0.95 : 1.0), c.initial_lr) : schedulerFromInput(c.spec, c.initial_lr));

  for (const c of [...cases, ...extra]) {
    it(`restores ${c.name} mid-schedule exactly, through JSON`, () => {
      const metric = (t: number) => c.metrics?.[t];
      const original = build(c);
      const half = Math.floor(c.steps / 2);
      for (let t = 0; t < half; t++) original.step(metric(t));
      const saved = JSON.parse(JSON.stringify(original.state())) as Record<string, unknown>;
      const restored = build(c);
      restored.step(metric(0));
      restored.load(saved);
      expect(restored.state()).toEqual(original.state());
      for (let t = half; t < c.steps; t++) {
        expect([restored.lr, restored.momentum]).toEqual([original.lr, original.momentum]);
        original.step(metric(t));
        restored.step(metric(t));
      }
    });
  }

  it("keeps ReduceLROnPlateau's infinite starting best through JSON", () => {
    const scheduler = createScheduler({ type: "ReduceLROnPlateau", patience: 0 }, 0.1);
    const restored = createScheduler({ type: "ReduceLROnPlateau", patience: 0 }, 0.1);
    restored.load(JSON.parse(JSON.stringify(scheduler.state())));
    restored.step(1e308);
    expect(restored.lr).toBe(0.1);
    restored.step(1e308);
    expect(restored.lr).toBeCloseTo(0.01, 15);
  });

  it("refuses a state saved by another type, or a damaged one", () => {
    const step = createScheduler({ type: "StepLR", step_size: 2 }, 0.1);
    const exp = createScheduler({ type: "ExponentialLR", gamma: 0.5 }, 0.1);
    expect(configError(() => step.load(exp.state())).message).toContain('the saved state is for "ExponentialLR", this scheduler is "StepLR"');
    const damaged = { ...step.state(), scheduler: { last_epoch: "3", base_lr: 0.1 } };
    expect(configError(() => step.load(damaged)).message).toContain('scheduler state.scheduler.last_epoch: expected a number in the saved scheduler state; got "3"');
    const chained = createScheduler({ type: "ChainedScheduler", schedulers: [{ type: "ConstantLR" }, { type: "ConstantLR" }] }, 0.1);
    const short = { ...chained.state(), scheduler: { schedulers: [{}] } };
    expect(configError(() => chained.load(short)).message).toContain("scheduler state.scheduler.schedulers: expected a list of 2 scheduler states");
  });
});
