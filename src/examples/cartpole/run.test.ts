import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { trackLiveBuffers } from "../../optim/testing/live-buffers.js";
import { formatCartpole, runCartpole, type CartpoleProgress } from "./index.js";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("runCartpole", () => {
  it("gives the same returns for the same seed, other returns for another seed", async () => {
    const a = await runCartpole({ lrs: [1e-2], episodes: 20, seed: 5 });
    const b = await runCartpole({ lrs: [1e-2], episodes: 20, seed: 5 });
    const c = await runCartpole({ lrs: [1e-2], episodes: 20, seed: 6 });
    expect(a.runs[0]!.returns).toHaveLength(20);
    expect(b.runs[0]!.returns).toEqual(a.runs[0]!.returns);
    expect(b.runs[0]!.losses).toEqual(a.runs[0]!.losses);
    expect(c.runs[0]!.returns).not.toEqual(a.runs[0]!.returns);
  });

  it("improves the average return over the first episodes at a good η, and reports each episode", async () => {
    const progress: CartpoleProgress[] = [];
    const { runs } = await runCartpole({ lrs: [1e-2], episodes: 150, onProgress: (p) => progress.push(p) });
    const returns = runs[0]!.returns;
    expect(mean(returns.slice(100))).toBeGreaterThan(2 * mean(returns.slice(0, 50)));
    expect(progress.map((p) => p.episode)).toEqual(returns.map((_, i) => i + 1));
    expect(progress.at(-1)).toEqual({ lr: 1e-2, episode: 150, episodeReturn: returns.at(-1), average: runs[0]!.final });
  });

  it("solves CartPole-v0 at η = 1e-2 while 1e-5 stays near random and 0.5 collapses", async () => {
    const result = await runCartpole();
    const [low, good, high] = result.runs;
    expect(result.runs.map((r) => r.lr)).toEqual([1e-5, 1e-2, 0.5]);
    expect(good!.solvedAt).not.toBeNull();
    expect(good!.solvedAt!).toBeLessThan(1000);
    expect(good!.best).toBeGreaterThanOrEqual(195);
    expect(mean(good!.returns.slice(-100))).toBeGreaterThanOrEqual(195);
    expect(low!.solvedAt).toBeNull();
    expect(low!.returns).toHaveLength(1000);
    expect(low!.best).toBeLessThan(40);
    expect(high!.solvedAt).toBeNull();
    expect(high!.final).toBeLessThan(15);

    const text = formatCartpole(result);
    expect(text).toContain(`at episode ${good!.solvedAt}`);
    expect(text.match(/not solved/g)).toHaveLength(2);
    expect(text.match(/η = /g)).toHaveLength(3);
    expect(text).toMatch(/η = 0\.01 +▁[▁-█]*█/);
  }, 150_000);

  it("stops a run whose loss overflows to a non-finite value", async () => {
    const result = await runCartpole({ lrs: [1e30], episodes: 50 });
    const run = result.runs[0]!;
    expect(run.divergedAt).toBe(2);
    expect(run.returns).toHaveLength(2);
    expect(Number.isFinite(run.losses.at(-1)!)).toBe(false);
    expect(formatCartpole(result)).toMatch(/1e30 +diverged at episode 2/);
  });

  it("frees every array it creates", async () => {
    const live = await trackLiveBuffers();
    const before = live.count();
    await runCartpole({ lrs: [1e-2, 0.5], episodes: 30, episodesPerUpdate: 3 });
    expect(await live.settledCount()).toBe(before);
  });

  it("names the bad option", async () => {
    await expect(runCartpole({ lrs: [-1] })).rejects.toThrow(/cartpole\.lrs\.0/);
    await expect(runCartpole({ episode: 10 } as never)).rejects.toThrow(/did you mean "episodes"/);
    await expect(runCartpole({ maxSteps: 0 })).rejects.toThrow(ConfigError);
  });
});
