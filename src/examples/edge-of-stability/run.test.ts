import { describe, expect, it } from "vitest";
import { runEdgeOfStability } from "./index.js";

describe("runEdgeOfStability", () => {
  it("holds the sharpness within ±25% of 2/η once it has come within 5% of it, for each η", async () => {
    const { runs } = await runEdgeOfStability({ lrs: [0.1, 0.15, 0.2], images: 200, hidden: 32, steps: 150, every: 10, iters: 10 });
    for (const run of runs) {
      const reached = run.sharpness.findIndex((s) => Math.abs(s / run.threshold - 1) < 0.05);
      expect(reached, `η = ${run.eta}: ${run.sharpness.join(", ")}`).toBeGreaterThanOrEqual(0);
      const later = run.sharpness.slice(reached + 1);
      expect(later.length).toBeGreaterThan(5);
      for (const s of later) expect(Math.abs(s / run.threshold - 1), `η = ${run.eta}: ${run.sharpness.join(", ")}`).toBeLessThan(0.25);
      expect(run.loss.at(-1)!).toBeLessThan(run.loss[0]!);
    }
  }, 120_000);
});
