import { describe, expect, it } from "vitest";
import type { EpochRow, RunLog, StepRow } from "../../log/index.js";
import type { TrainState } from "../callback.js";
import { runLogger } from "./run-logger.js";

function recorder(): RunLog & { batches: StepRow[][]; epochs: EpochRow[] } {
  const batches: StepRow[][] = [];
  const epochs: EpochRow[] = [];
  return { batches, epochs, logSteps: (_id, rows) => void batches.push([...rows]), logEpoch: (_id, row) => void epochs.push(row) };
}

const state = (step: number) => ({ step, epoch: 0, lr: 0.1, loss: 1, gradNorm: 2, trainLoss: 1, val: {} }) as unknown as TrainState;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("runLogger", () => {
  it("logs steps in batches of `every` rows, the rest at the epoch's end, each with its wall time", () => {
    const log = recorder();
    const logger = runLogger(log, "r", { every: 3, everySeconds: 3600 });
    logger.beforeFit!(state(0));
    logger.beforeEpoch!(state(0));
    for (let step = 0; step < 7; step++) logger.afterBatch!(state(step));
    expect(log.batches.map((b) => b.map((r) => r.step))).toEqual([[0, 1, 2], [3, 4, 5]]);
    logger.afterEpoch!(state(7));
    expect(log.batches.map((b) => b.length)).toEqual([3, 3, 1]);
    const elapsed = log.batches.flat().map((r) => r.elapsed!);
    expect(elapsed.every((t, i) => t >= 0 && (i === 0 || t >= elapsed[i - 1]!))).toBe(true);
  });

  it("flushes what it has once `everySeconds` have passed, however few rows, so slow steps still show live", async () => {
    const log = recorder();
    const logger = runLogger(log, "r", { every: 100, everySeconds: 0.05 });
    logger.beforeFit!(state(0));
    logger.afterBatch!(state(0));
    expect(log.batches).toEqual([]);
    await sleep(60);
    logger.afterBatch!(state(1));
    expect(log.batches.map((b) => b.map((r) => r.step))).toEqual([[0, 1]]);
    expect(log.batches[0]![1]!.elapsed).toBeGreaterThanOrEqual(0.05);
  });

  it("goes on from the wall time of a resumed run's earlier part", () => {
    const log = recorder();
    const logger = runLogger(log, "r", { every: 1 });
    logger.replay!([{ step: 0, epoch: 0, lr: 0.1, loss: 1, elapsed: 12.5 }], []);
    logger.beforeFit!(state(1));
    logger.afterBatch!(state(1));
    expect(log.batches[1]![0]!.elapsed).toBeGreaterThanOrEqual(12.5);
    expect(log.batches[1]![0]!.elapsed).toBeLessThan(13.5);
  });
});
