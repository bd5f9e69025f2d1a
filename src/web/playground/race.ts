/**
 * Several η raced on one surface: one trajectory per η, all with the same optimizer spec and
 * schedule, stepped by one jitted function (η is a traced argument, so no η recompiles):
 *
 *   f, g = value_and_grad(surface)(θ);   g ← g + σ·ε (noisy surfaces);   θ, s ← optimizer(θ, g, s; η_t)
 *
 * with η_t from the trajectory's own scheduler. A trajectory that leaves the plot is marked with
 * the step it left at; one that gets 3 plot-widths away or reaches a non-finite loss is stopped
 * and counts as diverged (as does one that ends outside the plot).
 */
import { createOptimizer, jax, schedulerFromInput, type JaxArray, type Optimizer, type OptimizerSpec, type OptimizerState, type Scheduler } from "../../core.js";
import { gaussian } from "./noise.js";
import type { Surface } from "./surfaces.js";

const np = jax.numpy;

export interface Trajectory {
  lr: number;
  color: string;
  /** Visited points x0, y0, x1, y1, … and f − f* at each. */
  points: number[];
  gaps: number[];
  /** The first step at which the point was outside the plot. */
  leftAt?: number;
  diverged: boolean;
  done: boolean;
}

interface Live {
  trajectory: Trajectory;
  params: Point;
  state: OptimizerState;
  scheduler: Scheduler | undefined;
  noise: () => number;
}

export interface RaceSetup {
  surface: Surface;
  noisy: boolean;
  optimizer: (lr: number) => OptimizerSpec;
  schedule: (lr: number, steps: number) => Record<string, unknown> | undefined;
  lrs: readonly number[];
  colors: readonly string[];
  steps: number;
  /** Whether a point is inside the plot. */
  inside: (x: number, y: number) => boolean;
}

/** A point of the plane as the optimizer's parameters: two 0-d arrays. */
type Point = { x: JaxArray; y: JaxArray };

/** The jitted step; `probe` is [x, y, f] at the point before the step. */
function jittedStep(surface: Surface, optimizer: Optimizer, sigma: number) {
  return jax.jit((params: Point, state: OptimizerState, lr: JaxArray, noise: Point) => {
    const [loss, grads] = jax.valueAndGrad((p: Point) => surface.f(p.x, p.y))(jax.tree.ref(params));
    const probe = np.stack([params.x.ref, params.y.ref, loss]);
    const noisy = { x: grads.x.add(noise.x.mul(sigma)), y: grads.y.add(noise.y.mul(sigma)) };
    const [next, nextState] = optimizer.step(params, noisy, state, { lr });
    lr.dispose();
    return { params: next as Point, state: nextState, probe };
  });
}

export class Race {
  readonly trajectories: Trajectory[];
  private readonly live: Live[];
  private readonly step: ReturnType<typeof jittedStep>;
  private stepCount = 0;
  private pending: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly setup: RaceSetup) {
    const { surface } = setup;
    const optimizer = createOptimizer(setup.optimizer(setup.lrs[0] ?? 0.1), "playground optimizer");
    this.step = jittedStep(surface, optimizer, setup.noisy ? surface.noise : 0);
    this.live = setup.lrs.map((lr, i) => {
      const params = { x: np.array(surface.start[0]), y: np.array(surface.start[1]) };
      const spec = setup.schedule(lr, setup.steps);
      return {
        trajectory: { lr, color: setup.colors[i % setup.colors.length]!, points: [], gaps: [], diverged: false, done: false },
        params,
        state: optimizer.init(params),
        scheduler: spec ? schedulerFromInput(spec, lr, { totalSteps: setup.steps }, "playground schedule") : undefined,
        noise: gaussian(1000 + i),
      };
    });
    this.trajectories = this.live.map((l) => l.trajectory);
  }

  get finished(): boolean {
    return this.disposed || this.live.every((l) => l.trajectory.done);
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Advances every running trajectory by one step (nothing once disposed). */
  advance(): Promise<void> {
    this.pending = this.pending.then(() => this.stepAll());
    return this.pending;
  }

  /** Frees the arrays and the compiled step, once a step in flight has finished with them. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.pending;
    for (const l of this.live) jax.tree.dispose({ params: l.params, state: l.state });
    this.live.length = 0;
    this.step.dispose();
  }

  private async stepAll(): Promise<void> {
    if (this.disposed) return;
    const running = this.live.filter((l) => !l.trajectory.done);
    const probes = running.map((l) => {
      const lr = l.scheduler?.lr ?? l.trajectory.lr;
      const out = this.step(l.params, l.state, np.array(lr), { x: np.array(l.noise()), y: np.array(l.noise()) });
      l.params = out.params;
      l.state = out.state;
      if (l.scheduler && this.stepCount + 1 < this.setup.steps) l.scheduler.step();
      return out.probe.data();
    });
    const values = await Promise.all(probes);
    this.stepCount++;
    running.forEach((l, i) => this.record(l, values[i]!));
  }

  private record(l: Live, probe: ArrayLike<number>): void {
    const [x, y, f] = [probe[0]!, probe[1]!, probe[2]!];
    const t = l.trajectory;
    const { surface, steps, inside } = this.setup;
    t.points.push(x, y);
    t.gaps.push(f - surface.minimum);
    const out = !inside(x, y);
    if (out && t.leftAt === undefined) t.leftAt = this.stepCount - 1;
    const { x: bx, y: by } = surface.bounds;
    const far = Math.abs(x - (bx[0] + bx[1]) / 2) > 3 * (bx[1] - bx[0]) || Math.abs(y - (by[0] + by[1]) / 2) > 3 * (by[1] - by[0]);
    if (!Number.isFinite(f) || !Number.isFinite(x) || !Number.isFinite(y) || far) {
      t.diverged = true;
      t.done = true;
    } else if (this.stepCount >= steps) {
      t.diverged = out;
      t.done = true;
    }
  }
}
