import { describe, expect, it } from "vitest";
import type { RunSummary, StepColumns } from "./api.js";
import { axisValues, batchesPerEpoch, unavailable } from "./step-axis.js";

function run(extra: Partial<RunSummary>): RunSummary {
  return { id: "r1", kind: "train", status: "running", config: {}, tags: [], createdAt: "", updatedAt: "", stepCount: 0, epochCount: 0, best: {}, ...extra };
}

const steps: StepColumns = { step: [0, 1, 2, 3], epoch: [0, 0, 1, 1], lr: [1, 1, 1, 1], loss: [1, 1, 1, 1], gradNorm: [1, 1, 1, 1], elapsed: [0.5, 1, 1.5, 2.5] };
const epoch = { epoch: 0, step: 2, lr: 1, trainLoss: 1, val: {}, seconds: 1 };

describe("the step charts' x axis", () => {
  it("knows the batches per epoch from the plan, else from the first epoch logged", () => {
    expect(batchesPerEpoch(run({ plannedSteps: 1688, config: { epochs: 2 } }), [])).toBe(844);
    expect(batchesPerEpoch(run({}), [{ ...epoch, epoch: 1, step: 8 }])).toBe(4);
    expect(batchesPerEpoch(run({}), [])).toBeUndefined();
  });

  it("places each step on its step, its epoch (an epoch's last step on the whole number) or its wall time", () => {
    expect(axisValues("step", steps.step, steps, 2)).toEqual([0, 1, 2, 3]);
    expect(axisValues("epoch", steps.step, steps, 2)).toEqual([0.5, 1, 1.5, 2]);
    expect(axisValues("time", steps.step, steps, 2)).toEqual([0.5, 1, 1.5, 2.5]);
    expect(axisValues("time", [1, 3, 9], steps, 2)).toEqual([1, 2.5, NaN]);
  });

  it("says why an axis cannot be drawn", () => {
    expect(unavailable("epoch", steps, undefined)).toMatch(/batches per epoch are not known/);
    expect(unavailable("time", { ...steps, elapsed: [NaN, NaN, NaN, NaN] }, 2)).toMatch(/no wall time/);
    expect(unavailable("time", steps, 2)).toBeUndefined();
    expect(unavailable("step", steps, undefined)).toBeUndefined();
  });
});
