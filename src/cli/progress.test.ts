import { describe, expect, it } from "vitest";
import type { TrainState } from "../train/index.js";
import { progressBar } from "./progress.js";

const state = (overrides: Partial<TrainState>) => ({ epoch: 0, step: 0, stepsPerEpoch: 2, lr: 0.01, momentum: undefined, loss: NaN, gradNorm: NaN, trainLoss: NaN, val: {}, stop: undefined, ...overrides }) as TrainState;

describe("progress when stderr is not a terminal", () => {
  it("writes one line per finished epoch with its train loss, validation metrics, η and time", async () => {
    const lines: string[] = [];
    const progress = progressBar({ label: "(a)", epochs: 2, force: false, write: (line) => lines.push(line) });
    for (const epoch of [0, 1]) {
      await progress.beforeEpoch!(state({ epoch }));
      await progress.afterBatch!(state({ epoch, loss: 0.5 }));
      await progress.afterBatch!(state({ epoch, loss: 0.25 }));
      expect(lines).toHaveLength(epoch);
      await progress.afterEpoch!(state({ epoch, trainLoss: 0.375, val: { accuracy: 0.9 } }));
    }
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\(a\) epoch 2\/2: train loss 0\.3750, val accuracy 0\.9000, η 1\.00e-2, \d+\.\d s\n$/);
  });
});
