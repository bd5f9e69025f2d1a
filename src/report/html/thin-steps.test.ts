import { describe, expect, it } from "vitest";
import type { RunSummary } from "../../store/index.js";
import { renderRunReport } from "./index.js";
import { bucketSteps, smoothingPerPoint, thinSteps } from "./thin-steps.js";

const row = (step: number, loss: number, lr = 0.1, gradNorm?: number) => ({ step, epoch: 0, lr, loss, ...(gradNorm === undefined ? {} : { gradNorm }) });

describe("thinning a long step log for drawing", () => {
  it("leaves a short log alone", () => {
    const steps = [row(0, 1), row(1, 2)];
    expect(thinSteps(steps, 2)).toEqual({ rows: steps, stride: 1 });
  });

  it("buckets of ⌈n / maxPoints⌉ steps: first step, η at the start, mean loss and gradient norm", () => {
    const steps = [row(0, 1, 0.1, 2), row(1, 3, 0.1, 4), row(2, 5, 0.01, 6), row(3, 7, 0.01, 8), row(4, 9, 0.001, 1)];
    expect(thinSteps(steps, 3)).toEqual({
      stride: 2,
      rows: [row(0, 2, 0.1, 3), row(2, 6, 0.01, 7), row(4, 9, 0.001, 1)],
    });
  });

  it("a non-finite loss makes its bucket's mean non-finite; a bucket missing a gradient norm has none", () => {
    const { rows } = bucketSteps([row(0, 1, 0.1, 1), row(1, NaN, 0.1), row(2, 1, 0.1, 1), row(3, 1, 0.1, 1)], 2);
    expect(rows[0]!.loss).toBeNaN();
    expect(rows[0]).not.toHaveProperty("gradNorm");
    expect(rows[1]).toEqual(row(2, 1, 0.1, 1));
  });

  it("β per step is β^k per bucket of k steps", () => {
    expect(smoothingPerPoint(0.98, 1)).toBe(0.98);
    expect(smoothingPerPoint(0.5, 3)).toBe(0.125);
  });

  it("keeps the report of a 30,000-step run small, and says the curve is of bucket means", async () => {
    const n = 30_000;
    const steps = Array.from({ length: n }, (_, i) => row(i, 2 * Math.exp(-i / 5000) + 0.1 + 0.05 * Math.sin(i), 0.1, 1 + Math.cos(i) ** 2));
    const run: RunSummary = { id: "long", kind: "train", status: "completed", config: {}, tags: [], createdAt: "", updatedAt: "", stepCount: n, epochCount: 0, best: {} };
    const page = await renderRunReport({ run, steps, epochs: [] });
    expect(page).toContain("faint: the mean loss of each 20 steps");
    expect(page.length).toBeLessThan(400_000);
  });
});
