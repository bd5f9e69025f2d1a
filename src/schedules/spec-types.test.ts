/**
 * `SchedulerSpec` types a spec as `OptimizerSpec` does: each `@ts-expect-error` below is a spec
 * the compiler must refuse (`npm run typecheck` fails if the typing loosens), and the same spec,
 * cast past the compiler, is still a ConfigError at run time.
 */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { createScheduler, type SchedulerSpec } from "./create.js";

describe("SchedulerSpec", () => {
  it("refuses a misspelt key, a wrong value, an unknown type and bad nesting, at compile time and at run time", () => {
    const wrong = [
      // @ts-expect-error StepLR has gamma, not gama
      () => createScheduler({ type: "StepLR", step_size: 3, gama: 0.5 }, 0.1),
      // @ts-expect-error step_size is a number
      () => createScheduler({ type: "StepLR", step_size: "3" }, 0.1),
      // @ts-expect-error no such scheduler type
      () => createScheduler({ type: "StepLRR", step_size: 3 }, 0.1),
      // @ts-expect-error interval is "step" or "epoch"
      () => createScheduler({ type: "OneCycleLR", max_lr: 0.1, total_steps: 10, interval: "epochs" }, 0.1),
      // @ts-expect-error a nested spec is typed too: T_max, not T_mx
      () => createScheduler({ type: "SequentialLR", schedulers: [{ type: "ConstantLR" }, { type: "CosineAnnealingLR", T_mx: 10 }], milestones: [5] }, 0.1),
      // @ts-expect-error only the outermost scheduler takes an interval
      () => createScheduler({ type: "ChainedScheduler", schedulers: [{ type: "ConstantLR", interval: "epoch" }] }, 0.1),
      // @ts-expect-error ReduceLROnPlateau cannot be nested
      () => createScheduler({ type: "ChainedScheduler", schedulers: [{ type: "ReduceLROnPlateau" }] }, 0.1),
      // @ts-expect-error a closed form's keys: end_value, not end_valu
      () => createScheduler({ type: "warmup_cosine", warmup_steps: 3, decay_steps: 10, end_valu: 0.001 }, 0.1),
      // @ts-expect-error a join's schedules are closed-form specs: decay_steps, not decay_step
      () => createScheduler({ type: "join", schedules: [{ type: "constant" }, { type: "cosine", decay_step: 10 }], boundaries: [5] }, 0.1),
    ];
    for (const build of wrong) expect(build).toThrow(ConfigError);
  });

  it("takes every kind of spec as written, nested ones included", () => {
    const specs: SchedulerSpec[] = [
      { type: "StepLR", step_size: 3, gamma: 0.5, interval: "epoch" },
      { type: "OneCycleLR", max_lr: 0.1, total_steps: 10 },
      { type: "SequentialLR", schedulers: [{ type: "LinearLR", start_factor: 0.1, total_iters: 5 }, { type: "CosineAnnealingLR", T_max: 10 }], milestones: [5] },
      { type: "ChainedScheduler", schedulers: [{ type: "ConstantLR" }, { type: "warmup_cosine", init_value: 0.05, warmup_steps: 2, decay_steps: 10 }] },
      { type: "join", schedules: [{ type: "constant" }, { type: "cosine", decay_steps: 10 }], boundaries: [5] },
      { type: "ReduceLROnPlateau", patience: 2 },
    ];
    for (const spec of specs) expect(createScheduler(spec, 0.1).lr).toBeGreaterThan(0);
  });
});
