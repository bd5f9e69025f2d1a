import { describe, expect, it } from "vitest";
import type { RunSummary } from "./api.js";
import { progressText, runProgress } from "./progress.js";

function run(extra: Partial<RunSummary>): RunSummary {
  return { id: "r1", kind: "train", status: "running", config: { epochs: 2 }, tags: [], createdAt: "", updatedAt: "", stepCount: 0, epochCount: 0, best: {}, ...extra };
}

describe("runProgress", () => {
  it("counts steps of the planned steps, per step, with an ETA from the wall time per step so far", () => {
    const progress = runProgress(run({ plannedSteps: 1688, epochCount: 1, lastStep: 899 }), { steps: 900, elapsed: 45 });
    expect(progress.text).toBe("1/2 epochs · 900/1688 steps");
    expect(progress.fraction).toBeCloseTo(900 / 1688, 12);
    expect(progress.eta).toBeCloseTo((45 / 900) * 788, 9);
    expect(progressText(progress, 45)).toBe("1/2 epochs · 900/1688 steps · 53% · 45 s so far · ETA 39 s");
    expect(progressText({ ...progress, fraction: undefined, eta: undefined })).toBe("1/2 epochs · 900/1688 steps");
  });

  it("reads the steps taken from the run's last step when not told, and has no ETA without a wall time", () => {
    const progress = runProgress(run({ plannedSteps: 100, stepCount: 40, lastStep: 39 }));
    expect(progress).toEqual({ fraction: 0.4, text: "0/2 epochs · 40/100 steps", eta: undefined });
  });

  it("is whole for a completed run, shows where another ended, and has no fraction without a plan", () => {
    expect(runProgress(run({ status: "completed", plannedSteps: 100, lastStep: 59 })).fraction).toBe(1);
    expect(runProgress(run({ status: "diverged", plannedSteps: 100, lastStep: 59 }), { steps: 60, elapsed: 3 })).toMatchObject({ fraction: 0.6, eta: undefined });
    expect(runProgress(run({ config: {}, epochCount: 3, lastStep: 9 }))).toEqual({ fraction: undefined, text: "3 epochs · 10 steps", eta: undefined });
  });

  it("counts a finished range test's steps from its result, and a running one by its plan", () => {
    const summary = { lrs: [1e-5, 1e-4, 1e-3], losses: [2, 1.9, 3] };
    expect(runProgress(run({ kind: "find", status: "completed", plannedSteps: 100, summary }))).toEqual({ fraction: 1, text: "3/100 steps", eta: undefined });
    expect(runProgress(run({ kind: "find", plannedSteps: 100 })).text).toBe("range test · 100 steps");
  });
});
