/**
 * Closed-form schedules from specs such as `{ "type": "warmup_cosine", "warmup_steps": 100,
 * "decay_steps": 1000 }`: snake_case types, optax's argument names. Keys and defaults
 * (* = the scale value, which defaults to the base learning rate):
 *
 *     constant               value*
 *     linear                 init_value*, end_value, transition_steps, transition_begin = 0
 *     polynomial             init_value*, end_value, power, transition_steps, transition_begin = 0
 *     exponential            init_value*, transition_steps, decay_rate, transition_begin = 0,
 *                            staircase = false, end_value (required when decay_rate > 1)
 *     cosine                 init_value*, decay_steps, alpha = 0, exponent = 1
 *     warmup_cosine          init_value = 0, peak_value*, warmup_steps, decay_steps, end_value = 0, exponent = 1
 *     warmup_linear          init_value = 0, peak_value*, warmup_steps, decay_steps, end_value = 0
 *     inverse_sqrt           warmup_steps, peak_value* or d_model
 *     piecewise_constant     init_value*, boundaries_and_scales = {} (e.g. { "1000": 0.1 })
 *     piecewise_interpolate  interpolate_type ("linear" | "cosine"), init_value*, boundaries_and_scales = {}
 *     join                   schedules (a list of these specs), boundaries
 *     sgdr                   cosine_kwargs: a list of { init_value = 0, peak_value*, warmup_steps = 0,
 *                            decay_steps, end_value = 0, exponent = 1 }
 *     one_cycle              transition_steps, peak_value*, pct_start = 0.3, pct_final = 0.85 (linear only),
 *                            div_factor = 25, final_div_factor = 1e4, anneal_strategy = "cos" | "linear"
 *     warmup_stable_decay    init_value = 0, peak_value*, warmup_steps, stable_steps, decay_steps,
 *                            end_value = 0, decay_shape = "linear" | "cosine" | "sqrt"
 *
 * Every spec may carry `interval` ("step" | "epoch"), which is for the caller and ignored here.
 * Validation is stricter than optax, which quietly turns some bad arguments into constants: step
 * counts are non-negative integers (decay_steps positive and, with a warmup, beyond it), values are
 * non-negative, join boundaries increase and number one fewer than the schedules, one-cycle phases
 * each last a step. Each violation is a ConfigError naming the key; nested join specs are reported
 * at `<where>.schedules.<i>`.
 */
import { z } from "zod";
import { ConfigError } from "../../errors.js";
import { parseSpec } from "../../spec/index.js";
import type { Schedule } from "../types.js";
import { constantSchedule } from "./constant.js";
import { cosineDecay } from "./cosine.js";
import { exponentialDecay } from "./exponential.js";
import { inverseSqrt } from "./inverse-sqrt.js";
import { joinSchedules } from "./join.js";
import { linearSchedule } from "./linear.js";
import { oneCycle } from "./one-cycle.js";
import { piecewiseConstant } from "./piecewise-constant.js";
import { piecewiseInterpolate } from "./piecewise-interpolate.js";
import { polynomialSchedule } from "./polynomial.js";
import { sgdr } from "./sgdr.js";
import { warmupCosine } from "./warmup-cosine.js";
import { warmupLinear } from "./warmup-linear.js";
import { warmupStableDecay } from "./warmup-stable-decay.js";

const value = z.number().nonnegative();
const steps = z.int().nonnegative();
const positiveSteps = z.int().positive();
const interval = z.enum(["step", "epoch"]).optional();
const boundariesAndScales = z
  .record(z.string(), value)
  .check((ctx) => {
    const bad = Object.keys(ctx.value).find((key) => !/^\d+$/.test(key));
    if (bad !== undefined) ctx.issues.push({ code: "custom", input: ctx.value, message: `expected non-negative integer steps as keys, not "${bad}"` });
  })
  .default({});
const fraction = z.number().min(0).max(1);

const cosineCycle = {
  init_value: value.default(0),
  peak_value: value.optional(),
  decay_steps: positiveSteps,
  end_value: value.default(0),
  exponent: z.number().positive().default(1),
};

const decayExceedsWarmup = (s: { warmup_steps: number; decay_steps: number }) => s.decay_steps > s.warmup_steps;
const decayExceedsWarmupError = { message: "expected decay_steps (the total length, warmup included) > warmup_steps", path: ["decay_steps"] };

const spec = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("constant"), value: value.optional(), interval }),
  z.strictObject({
    type: z.literal("linear"),
    init_value: value.optional(),
    end_value: value,
    transition_steps: steps,
    transition_begin: steps.default(0),
    interval,
  }),
  z.strictObject({
    type: z.literal("polynomial"),
    init_value: value.optional(),
    end_value: value,
    power: z.number().nonnegative(),
    transition_steps: steps,
    transition_begin: steps.default(0),
    interval,
  }),
  z
    .strictObject({
      type: z.literal("exponential"),
      init_value: value.optional(),
      transition_steps: positiveSteps,
      decay_rate: z.number().positive(),
      transition_begin: steps.default(0),
      staircase: z.boolean().default(false),
      end_value: value.optional(),
      interval,
    })
    .refine((s) => s.decay_rate <= 1 || s.end_value !== undefined, {
      message: "expected end_value (the ceiling) when decay_rate > 1, since the value grows without bound",
      path: ["end_value"],
    }),
  z.strictObject({
    type: z.literal("cosine"),
    init_value: value.optional(),
    decay_steps: positiveSteps,
    alpha: value.default(0),
    exponent: z.number().positive().default(1),
    interval,
  }),
  z.strictObject({ type: z.literal("warmup_cosine"), ...cosineCycle, warmup_steps: steps, interval }).refine(decayExceedsWarmup, decayExceedsWarmupError),
  z
    .strictObject({
      type: z.literal("warmup_linear"),
      init_value: value.default(0),
      peak_value: value.optional(),
      warmup_steps: steps,
      decay_steps: positiveSteps,
      end_value: value.default(0),
      interval,
    })
    .refine(decayExceedsWarmup, decayExceedsWarmupError),
  z
    .strictObject({
      type: z.literal("inverse_sqrt"),
      warmup_steps: positiveSteps,
      peak_value: value.optional(),
      d_model: z.number().positive().optional(),
      interval,
    })
    .refine((s) => s.peak_value === undefined || s.d_model === undefined, {
      message: "expected either peak_value or d_model, not both",
      path: ["d_model"],
    }),
  z.strictObject({ type: z.literal("piecewise_constant"), init_value: value.optional(), boundaries_and_scales: boundariesAndScales, interval }),
  z.strictObject({
    type: z.literal("piecewise_interpolate"),
    interpolate_type: z.enum(["linear", "cosine"]),
    init_value: value.optional(),
    boundaries_and_scales: boundariesAndScales,
    interval,
  }),
  z
    .strictObject({
      type: z.literal("join"),
      schedules: z.array(z.unknown()).min(1),
      boundaries: z.array(steps),
      interval,
    })
    .refine((s) => s.boundaries.length === s.schedules.length - 1, {
      message: "expected one boundary fewer than schedules",
      path: ["boundaries"],
    })
    .refine((s) => s.boundaries.every((b, i) => i === 0 || b > s.boundaries[i - 1]!), {
      message: "expected increasing boundaries",
      path: ["boundaries"],
    }),
  z.strictObject({
    type: z.literal("sgdr"),
    cosine_kwargs: z
      .array(z.strictObject({ ...cosineCycle, warmup_steps: steps.default(0) }).refine(decayExceedsWarmup, decayExceedsWarmupError))
      .min(1),
    interval,
  }),
  z
    .strictObject({
      type: z.literal("one_cycle"),
      transition_steps: positiveSteps,
      peak_value: value.optional(),
      pct_start: fraction.default(0.3),
      pct_final: fraction.optional(),
      div_factor: z.number().positive().default(25),
      final_div_factor: z.number().positive().default(1e4),
      anneal_strategy: z.enum(["cos", "linear"]).default("cos"),
      interval,
    })
    .refine((s) => s.pct_final === undefined || s.anneal_strategy === "linear", {
      message: 'expected pct_final only with anneal_strategy "linear"',
      path: ["pct_final"],
    })
    .check((ctx) => {
      const message = onePhaseTooShort(ctx.value);
      if (message) ctx.issues.push({ code: "custom", input: ctx.value, message, path: [ctx.value.pct_final === undefined ? "pct_start" : "pct_final"] });
    }),
  z.strictObject({
    type: z.literal("warmup_stable_decay"),
    init_value: value.default(0),
    peak_value: value.optional(),
    warmup_steps: steps,
    stable_steps: steps,
    decay_steps: steps,
    end_value: value.default(0),
    decay_shape: z.enum(["linear", "cosine", "sqrt"]).default("linear"),
    interval,
  }),
]);

/**
 * Why a one-cycle spec would lose a phase, if it would: its boundaries ⌊pct_start·T⌋,
 * (⌊pct_final·T⌋,) T must increase, or optax's boundary table overwrites one phase by the next.
 */
function onePhaseTooShort(s: { transition_steps: number; pct_start: number; pct_final?: number; anneal_strategy: "cos" | "linear" }): string | undefined {
  const steps = s.transition_steps;
  const start = Math.trunc(s.pct_start * steps);
  if (s.anneal_strategy === "cos") {
    return start < steps ? undefined : `expected pct_start < 1, so that the peak comes before transition_steps = ${steps}`;
  }
  const final = Math.trunc((s.pct_final ?? 0.85) * steps);
  if (start < final && final < steps) return undefined;
  return (
    `expected ⌊pct_start·transition_steps⌋ < ⌊pct_final·transition_steps⌋ < transition_steps so that each phase lasts a step; ` +
    `with pct_start = ${s.pct_start}, pct_final = ${s.pct_final ?? "0.85 (default)"} and transition_steps = ${steps} they are ${start}, ${final}, ${steps}`
  );
}

type ClosedFormSpec = z.output<typeof spec>;

/** A closed-form schedule spec as written, e.g. `{ type: "warmup_cosine", warmup_steps: 100, decay_steps: 1000 }`; a join's schedules typed alike. */
export type ClosedFormScheduleSpec = Exclude<SpecInput, { type: "join" }> | JoinSpec;
type SpecInput = z.input<typeof spec>;
interface JoinSpec extends Omit<Extract<SpecInput, { type: "join" }>, "schedules"> {
  schedules: ClosedFormScheduleSpec[];
}

/** The `type` values of the closed-form schedule specs. */
export const closedFormTypes: readonly string[] = spec.options.map((option) => option.shape.type.value);

/**
 * Validates a closed-form schedule spec and returns its schedule; `baseLr` is the scale value
 * (`value`, `init_value` or `peak_value`) wherever the spec leaves it out. `where` names the
 * spec's origin in error messages (e.g. "run.yaml: scheduler").
 */
export function closedFormFromSpec(input: unknown, baseLr: number, where: string): Schedule {
  if (!(Number.isFinite(baseLr) && baseLr >= 0)) {
    throw new ConfigError(`${where}: the base learning rate must be a finite non-negative number; got ${baseLr}`, where, "lr", baseLr);
  }
  return build(parseSpec(spec, input, where), baseLr, where);
}

function build(s: ClosedFormSpec, baseLr: number, where: string): Schedule {
  switch (s.type) {
    case "constant":
      return constantSchedule({ value: s.value ?? baseLr });
    case "linear":
      return linearSchedule({
        initValue: s.init_value ?? baseLr,
        endValue: s.end_value,
        transitionSteps: s.transition_steps,
        transitionBegin: s.transition_begin,
      });
    case "polynomial":
      return polynomialSchedule({
        initValue: s.init_value ?? baseLr,
        endValue: s.end_value,
        power: s.power,
        transitionSteps: s.transition_steps,
        transitionBegin: s.transition_begin,
      });
    case "exponential":
      return exponentialDecay({
        initValue: s.init_value ?? baseLr,
        transitionSteps: s.transition_steps,
        decayRate: s.decay_rate,
        transitionBegin: s.transition_begin,
        staircase: s.staircase,
        endValue: s.end_value,
      });
    case "cosine":
      return cosineDecay({ initValue: s.init_value ?? baseLr, decaySteps: s.decay_steps, alpha: s.alpha, exponent: s.exponent });
    case "warmup_cosine":
      return warmupCosine(cosineCycleOptions(s, baseLr));
    case "warmup_linear":
      return warmupLinear({
        initValue: s.init_value,
        peakValue: s.peak_value ?? baseLr,
        warmupSteps: s.warmup_steps,
        decaySteps: s.decay_steps,
        endValue: s.end_value,
      });
    case "inverse_sqrt":
      return s.d_model === undefined
        ? inverseSqrt({ warmupSteps: s.warmup_steps, peakValue: s.peak_value ?? baseLr })
        : inverseSqrt({ warmupSteps: s.warmup_steps, dModel: s.d_model });
    case "piecewise_constant":
      return piecewiseConstant({ initValue: s.init_value ?? baseLr, boundariesAndScales: s.boundaries_and_scales });
    case "piecewise_interpolate":
      return piecewiseInterpolate({
        interpolateType: s.interpolate_type,
        initValue: s.init_value ?? baseLr,
        boundariesAndScales: s.boundaries_and_scales,
      });
    case "join":
      return joinSchedules({
        schedules: s.schedules.map((child, i) => closedFormFromSpec(child, baseLr, `${where}.schedules.${i}`)),
        boundaries: s.boundaries,
      });
    case "sgdr":
      return sgdr({ cosineKwargs: s.cosine_kwargs.map((cycle) => cosineCycleOptions(cycle, baseLr)) });
    case "one_cycle": {
      const common = {
        transitionSteps: s.transition_steps,
        peakValue: s.peak_value ?? baseLr,
        pctStart: s.pct_start,
        divFactor: s.div_factor,
        finalDivFactor: s.final_div_factor,
      };
      return s.anneal_strategy === "linear" ? oneCycle({ ...common, annealStrategy: "linear", pctFinal: s.pct_final }) : oneCycle(common);
    }
    case "warmup_stable_decay":
      return warmupStableDecay({
        initValue: s.init_value,
        peakValue: s.peak_value ?? baseLr,
        warmupSteps: s.warmup_steps,
        stableSteps: s.stable_steps,
        decaySteps: s.decay_steps,
        endValue: s.end_value,
        decayShape: s.decay_shape,
      });
  }
}

function cosineCycleOptions(
  s: { init_value: number; peak_value?: number; warmup_steps: number; decay_steps: number; end_value: number; exponent: number },
  baseLr: number,
) {
  return {
    initValue: s.init_value,
    peakValue: s.peak_value ?? baseLr,
    warmupSteps: s.warmup_steps,
    decaySteps: s.decay_steps,
    endValue: s.end_value,
    exponent: s.exponent,
  };
}
