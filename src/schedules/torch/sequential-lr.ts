import { z } from "zod";
import { ConfigError } from "../../errors.js";
import type { SchedulerState } from "../types.js";
import { increasingMilestones } from "./milestones.js";
import { kind, torchSpec, type BuildContext } from "./kind.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { ParamGroup } from "./param-group.js";
import { readList, readNumber } from "./saved-state.js";
import type { Stepper } from "./stepper.js";

export const sequentialLRSpec = torchSpec("SequentialLR", {
  schedulers: z.array(z.unknown()).min(1),
  milestones: z.array(z.number().int().positive()).check(increasingMilestones),
}).check((ctx) => {
  const { schedulers, milestones } = ctx.value;
  if (milestones.length !== schedulers.length - 1) {
    ctx.issues.push({
      code: "custom",
      path: ["milestones"],
      input: milestones,
      message: `SequentialLR needs one milestone fewer than schedulers (${schedulers.length} schedulers, so ${schedulers.length - 1} milestone${schedulers.length === 2 ? "" : "s"})`,
    });
  }
});
export type SequentialLRSpec = z.input<typeof sequentialLRSpec>;

/**
 * SequentialLR, as torch 1.13: scheduler i runs from milestone i−1 to milestone i.
 *
 * On construction (after every child was built, each taking its first step on the shared group),
 * the rate goes back to `initial_lr`, every child's step count is rewound by one and only the
 * first child takes its first step again. Each `step()` then advances the global count t and
 * steps the child whose span holds t — except at a milestone, where the next child is restarted
 * with torch's `step(0)`, i.e. at its own step 0 and, for the schedulers that have one, through
 * its closed form (so e.g. CosineAnnealingLR starts again from its `base_lr`, the group's
 * `initial_lr`).
 *
 * Only the first child may itself be a SequentialLR, and none a ChainedScheduler: torch 1.13 has
 * no `step(0)` for those (and ChainedScheduler no step count to rewind), so it fails on them.
 */
export class SequentialLR implements Stepper {
  private lastEpoch = 0;

  constructor(
    group: ParamGroup,
    private readonly first: LRScheduler | SequentialLR,
    private readonly rest: LRScheduler[],
    private readonly milestones: number[],
  ) {
    group.lr = group.initial_lr!;
    for (const child of [first, ...rest]) child.rewind();
    first.step();
  }

  rewind(): void {
    this.lastEpoch -= 1;
  }

  step(): void {
    this.lastEpoch += 1;
    const index = this.milestones.filter((m) => m <= this.lastEpoch).length;
    if (index === 0) this.first.step();
    else if (this.milestones[index - 1] === this.lastEpoch) this.rest[index - 1]!.restart();
    else this.rest[index - 1]!.step();
  }

  state(): SchedulerState {
    return { last_epoch: this.lastEpoch, schedulers: [this.first, ...this.rest].map((s) => s.state()) };
  }

  load(state: SchedulerState, where: string): void {
    this.lastEpoch = readNumber(state, "last_epoch", where);
    const children = [this.first, ...this.rest];
    readList(state, "schedulers", children.length, where).forEach((s, i) => children[i]!.load(s, `${where}.schedulers[${i}]`));
  }
}

/**
 * Child i is built for its segment of the trainer's count T, `[m_{i−1}, m_i)` with `m_{−1} = 0`
 * and the last segment ending at T (no count for an empty segment or one with no known end): the
 * length OneCycleLR infers, and the one a cycle it is given must cover. A child before the last is
 * never stepped on its segment's last step (the next child restarts there), so that asks one step
 * more than torch strictly needs, for a cycle that ends where its segment does.
 */
function build(spec: z.output<typeof sequentialLRSpec>, group: ParamGroup, context: BuildContext): SequentialLR {
  const { where } = context;
  const bounds = [0, ...spec.milestones, context.totalSteps];
  const children = spec.schedulers.map((child, i) => {
    const start = bounds[i]!;
    const end = bounds[i + 1];
    if (end === undefined || end <= start) return context.nested(child, `${where}.schedulers[${i}]`, undefined, undefined);
    const taken = context.stepsTaken && `this scheduler runs (steps ${start}–${end - 1} of the ${context.totalSteps} ${context.stepsTaken})`;
    return context.nested(child, `${where}.schedulers[${i}]`, end - start, taken);
  });
  const [first, ...rest] = children;
  if (!(first instanceof LRScheduler || first instanceof SequentialLR)) {
    throw new ConfigError(
      `${where}.schedulers[0]: SequentialLR cannot hold a ChainedScheduler (torch 1.13 fails on it too); put the SequentialLR inside the ChainedScheduler instead`,
      where,
      "schedulers[0]",
    );
  }
  const restartable = rest.map((child, i) => {
    if (child instanceof LRScheduler) return child;
    const type = (spec.schedulers[i + 1] as { type: string }).type;
    throw new ConfigError(
      `${where}.schedulers[${i + 1}]: SequentialLR cannot restart a ${type} at a milestone (torch 1.13 fails on it too); only its first scheduler may be a SequentialLR, and none a ChainedScheduler`,
      where,
      `schedulers[${i + 1}]`,
    );
  });
  return new SequentialLR(group, first!, restartable, spec.milestones);
}

export const sequentialLRKind = kind(sequentialLRSpec, build);
