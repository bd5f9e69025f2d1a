import { describe, expect, it } from "vitest";
import { appendColumns, epochRowSchema, readSummary, stepColumnsSchema, toColumns, toRows, trainSummarySchema } from "./index.js";

describe("the run log contract", () => {
  it("parses step columns and epoch rows off the wire, non-finite numbers and missing gradient norms restored", () => {
    const columns = stepColumnsSchema.parse({ step: [0, 1], epoch: [0, 0], lr: [0.1, "Infinity"], loss: ["NaN", 2], gradNorm: [null, "NaN"] });
    expect(columns).toEqual({ step: [0, 1], epoch: [0, 0], lr: [0.1, Infinity], loss: [NaN, 2], gradNorm: [NaN, NaN], elapsed: [NaN, NaN] });
    expect(stepColumnsSchema.parse({ step: [3], epoch: [0], lr: [0.1], loss: [2], gradNorm: [1], elapsed: [null] }).elapsed).toEqual([NaN]);
    expect(stepColumnsSchema.parse({ step: [3], epoch: [0], lr: [0.1], loss: [2], gradNorm: [1], elapsed: [1.5] }).elapsed).toEqual([1.5]);
    expect(epochRowSchema.parse({ epoch: 0, step: 5, lr: 0.1, trainLoss: "NaN", val: { loss: "-Infinity" }, seconds: 1 }).val.loss).toBe(-Infinity);
    expect(() => stepColumnsSchema.parse({ step: [0], epoch: [0], lr: ["fast"], loss: [1], gradNorm: [1] })).toThrow();
  });

  it("turns rows into columns and back, and appends only steps after the last one", () => {
    const rows = [{ step: 0, epoch: 0, lr: 0.1, loss: 2, gradNorm: 3, elapsed: 0.5 }, { step: 1, epoch: 0, lr: 0.1, loss: 1 }];
    const columns = toColumns(rows);
    expect(columns.elapsed).toEqual([0.5, NaN]);
    expect(toRows(columns)).toEqual(rows);
    expect(appendColumns(columns, toColumns([{ step: 1, epoch: 0, lr: 1, loss: 1 }, { step: 2, epoch: 1, lr: 1, loss: 0.5, elapsed: 2 }]))).toBe(1);
    expect(columns.step).toEqual([0, 1, 2]);
    expect(columns.elapsed).toEqual([0.5, NaN, 2]);
  });

  it("reads the fields of a partial or older summary that fit, and nothing that does not", () => {
    expect(readSummary(trainSummarySchema, { epochs: 2, stopped: { kind: "diverged", reason: "x" }, steps: "many" })).toEqual({ epochs: 2, stopped: { kind: "diverged", reason: "x" } });
    expect(readSummary(trainSummarySchema, null)).toEqual({});
  });
});
