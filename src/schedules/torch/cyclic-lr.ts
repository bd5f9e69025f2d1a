import { z } from "zod";
import { parseSpec } from "../../spec/index.js";
import type { Scheduler } from "../types.js";
import { kind, torchSpec } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";
import { TorchScheduler } from "./torch-scheduler.js";

const modes = { triangular: "cycle", triangular2: "cycle", exp_range: "iterations" } as const;

export const cyclicLRSpec = torchSpec("CyclicLR", {
  base_lr: z.number().nonnegative(),
  max_lr: z.number().nonnegative(),
  step_size_up: z.number().int().positive().default(2000),
  step_size_down: z.number().int().positive().nullish(),
  mode: z.enum(["triangular", "triangular2", "exp_range"]).default("triangular"),
  gamma: z.number().positive().max(1).default(1),
  scale_mode: z.enum(["cycle", "iterations"]).optional(),
  cycle_momentum: z.boolean().default(true),
  base_momentum: z.number().min(0).max(1).default(0.8),
  max_momentum: z.number().min(0).max(1).default(0.9),
}).check((ctx) => {
  const { mode, scale_mode } = ctx.value;
  if (scale_mode !== undefined && scale_mode !== modes[mode]) {
    ctx.issues.push({
      code: "custom",
      path: ["scale_mode"],
      input: scale_mode,
      message: `mode "${mode}" always scales per ${modes[mode]} (torch ignores scale_mode unless a custom scale_fn is given, which only cyclicLR() from code can take)`,
    });
  }
});
export type CyclicLRSpec = z.input<typeof cyclicLRSpec>;
type CyclicLROptions = z.output<typeof cyclicLRSpec>;

/** How the cycle amplitude is scaled: `fn` of the cycle number or of the step count. */
export interface CyclicScale {
  fn: (x: number) => number;
  mode: "cycle" | "iterations";
}

/**
 * CyclicLR (Smith, "Cyclical Learning Rates for Training Neural Networks"), as torch 1.13:
 *
 *     cycle = ⌊1 + t / (up + down)⌋,   x = 1 + t / (up + down) − cycle,   r = up / (up + down)
 *     s     = x / r                  if x ≤ r   (rising)
 *           = (x − 1) / (r − 1)      otherwise  (falling)
 *     η_t   = base_lr + (max_lr − base_lr) · s · scale(c)
 *     m_t   = max_momentum − (max_momentum − base_momentum) · s · scale(c)   (cycle_momentum)
 *
 * with scale 1 (`triangular`), `1 / 2^(cycle−1)` (`triangular2`) — both of the cycle number — or
 * `gamma^t` (`exp_range`, of the step count); a custom `scale_fn` from code uses `scale_mode`.
 * `base_lr` replaces the optimizer's rate, as in torch. One torch quirk is kept: the step taken at
 * construction uses the group's `initial_lr` as base_lr, which differs from `base_lr` only when an
 * earlier scheduler on the same group (ChainedScheduler, SequentialLR) set it.
 */
export class CyclicLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly spec: CyclicLROptions,
    private readonly scale: CyclicScale = builtInScale(spec),
  ) {
    super(group);
    group.lr = spec.base_lr;
    if (spec.cycle_momentum) group.momentum = spec.base_momentum;
    this.attach();
    this.baseLr = spec.base_lr;
  }

  protected getLr(): number {
    const { max_lr, step_size_up: up, step_size_down, cycle_momentum, base_momentum, max_momentum } = this.spec;
    const total = up + (step_size_down ?? up);
    const ratio = up / total;
    const t = this.lastEpoch;
    const cycle = Math.floor(1 + t / total);
    const x = 1 + t / total - cycle;
    const s = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    const scale = this.scale.fn(this.scale.mode === "cycle" ? cycle : t);
    if (cycle_momentum) this.group.momentum = max_momentum - (max_momentum - base_momentum) * s * scale;
    return this.baseLr + (max_lr - this.baseLr) * s * scale;
  }
}

function builtInScale(spec: CyclicLROptions): CyclicScale {
  const fn = {
    triangular: () => 1,
    triangular2: (cycle: number) => 1 / 2 ** (cycle - 1),
    exp_range: (t: number) => spec.gamma ** t,
  }[spec.mode];
  return { fn, mode: modes[spec.mode] };
}

export const cyclicLRKind = kind(cyclicLRSpec, (spec, group) => new CyclicLR(group, spec));

/** CyclicLR's options from code: the spec's keys (without `type`) plus an optional custom `scale_fn`. */
export type CyclicLRCodeOptions = Omit<CyclicLRSpec, "type" | "scale_mode"> & {
  scale_fn?: (x: number) => number;
  scale_mode?: "cycle" | "iterations";
};

/**
 * CyclicLR built from code, where torch's custom `scale_fn` (values in [0, 1]) can be given; with
 * it, `mode` is ignored and `scale_mode` (default "cycle") says whether it is applied to the cycle
 * number or the step count. Without it, as the spec. The optimizer's own rate does not matter
 * (CyclicLR starts at `base_lr`).
 */
export function cyclicLR(options: CyclicLRCodeOptions, where = "cyclicLR"): Scheduler {
  const { scale_fn, scale_mode, interval, ...rest } = options;
  const spec = parseSpec(cyclicLRSpec, { type: "CyclicLR", ...rest, ...(scale_fn ? {} : { scale_mode }) }, where);
  const group: ParamGroup = { lr: spec.base_lr };
  const scale = scale_fn ? { fn: scale_fn, mode: scale_mode ?? "cycle" } : builtInScale(spec);
  return new TorchScheduler("CyclicLR", group, new CyclicLR(group, spec, scale), interval ?? "step");
}
