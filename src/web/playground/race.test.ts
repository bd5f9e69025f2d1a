import { describe, expect, it } from "vitest";
import { optimizerChoices, scheduleChoices, stabilityEdge } from "./choices.js";
import { Race } from "./race.js";
import { surface, surfaceNames } from "./surfaces.js";
import { jax } from "../../core.js";

const np = jax.numpy;

async function race(options: { surface?: ReturnType<typeof surface>; optimizer?: string; schedule?: string; lrs: number[]; steps: number; noisy?: boolean }) {
  const s = options.surface ?? surface("quadratic", 10);
  const r = new Race({
    surface: s,
    noisy: options.noisy ?? false,
    optimizer: optimizerChoices.find((o) => o.key === (options.optimizer ?? "gd"))!.spec,
    schedule: scheduleChoices.find((c) => c.key === (options.schedule ?? "constant"))!.spec,
    lrs: options.lrs,
    colors: ["#000"],
    steps: options.steps,
    inside: (x, y) => Math.abs(x) <= 2 && Math.abs(y) <= 2,
  });
  while (!r.finished) await r.advance();
  const trajectories = r.trajectories;
  await r.dispose();
  return trajectories;
}

describe("the playground's race of learning rates", () => {
  it.each(["gd", "momentum", "nesterov"])("%s on the quadratic bowl: stable just below its edge, diverging just above", async (key) => {
    const kappa = 10;
    const edge = stabilityEdge(optimizerChoices.find((o) => o.key === key)!, kappa)!;
    const [below, above] = await race({ optimizer: key, lrs: [0.98 * edge, 1.02 * edge], steps: 600 });
    expect(below!.diverged).toBe(false);
    expect(below!.gaps.at(-1)!).toBeLessThan(below!.gaps[0]! * 0.05);
    expect(above!.diverged).toBe(true);
    expect(above!.leftAt).toBeGreaterThan(0);
  });

  it("gives 2/λ_max, 2(1+β)/λ_max and 2(1+β)/((1+2β)λ_max), and nothing for adaptive optimizers", () => {
    const edge = (key: string) => stabilityEdge(optimizerChoices.find((o) => o.key === key)!, 10);
    expect(edge("gd")).toBeCloseTo(0.2, 12);
    expect(edge("momentum")).toBeCloseTo(0.38, 12);
    expect(edge("nesterov")).toBeCloseTo(3.8 / 28, 12);
    expect(edge("adam")).toBeUndefined();
  });

  it("replays the same noise, follows a schedule to its end, and records f − f* from the start", async () => {
    const a = await race({ noisy: true, optimizer: "adam", schedule: "onecycle", lrs: [0.05], steps: 40 });
    const b = await race({ noisy: true, optimizer: "adam", schedule: "onecycle", lrs: [0.05], steps: 40 });
    expect(a[0]!.points).toEqual(b[0]!.points);
    expect(a[0]!.gaps).toHaveLength(40);
    const quiet = await race({ optimizer: "adam", schedule: "onecycle", lrs: [0.05], steps: 40 });
    expect(quiet[0]!.points).not.toEqual(a[0]!.points);
    const s = surface("quadratic", 10);
    const start = s.f(np.array(s.start[0]), np.array(s.start[1])).item() as number;
    expect(quiet[0]!.gaps[0]).toBeCloseTo(start, 4);
  });

  it.each(surfaceNames.map((s) => s.name))("%s: f equals its stated minimum at its minima, and the start lies in the plot", async (name) => {
    const s = surface(name, 10);
    for (const [x, y] of s.minima) expect(s.f(np.array(x), np.array(y)).item()).toBeCloseTo(s.minimum, 5);
    const { x, y } = s.bounds;
    expect(s.start[0] > x[0] && s.start[0] < x[1] && s.start[1] > y[0] && s.start[1] < y[1]).toBe(true);
  });
});
