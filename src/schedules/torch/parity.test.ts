/**
 * Every PyTorch 1.13 scheduler case of the shared fixture, replayed step by step: the lr (and the
 * momentum, where the scheduler cycles it) in force at each step must match to 1e-12 relative.
 * ReduceLROnPlateau cases are fed `metrics[t]` after step t; MultiplicativeLR's lambda is code.
 */
import { describe, expect, it } from "vitest";
import { maxRelativeError, readFixture } from "../../../test/fixtures.js";
import { schedulerFromInput } from "../create.js";
import type { Scheduler } from "../types.js";
import { multiplicativeLR } from "./multiplicative-lr.js";

interface TorchCase {
  name: string;
  spec: unknown;
  initial_lr: number;
  steps: number;
  lr: number[];
  momentum?: number[];
  metrics?: number[];
}

const cases = readFixture<{ cases: TorchCase[] }>("torch/schedules.json").cases;

const fromCode: Record<string, (c: TorchCase) => Scheduler> = {
  MultiplicativeLR: (c) => multiplicativeLR((e) => (e % 2 ? 0.95 : 1.0), c.initial_lr),
};

function replay(c: TorchCase): { lr: number[]; momentum: (number | undefined)[] } {
  const scheduler = c.spec === null ? fromCode[c.name]!(c) : schedulerFromInput(c.spec, c.initial_lr);
  const lr: number[] = [];
  const momentum: (number | undefined)[] = [];
  for (let t = 0; t < c.steps; t++) {
    lr.push(scheduler.lr);
    momentum.push(scheduler.momentum);
    scheduler.step(c.metrics?.[t]);
  }
  return { lr, momentum };
}

describe("PyTorch 1.13 scheduler parity", () => {
  it("covers every case of the fixture", () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
    for (const c of cases) expect(c.spec !== null || c.name in fromCode, c.name).toBe(true);
  });

  for (const c of cases) {
    it(c.name, () => {
      const { lr, momentum } = replay(c);
      expect(maxRelativeError(lr, c.lr)).toBeLessThanOrEqual(1e-12);
      if (c.momentum) expect(maxRelativeError(momentum as number[], c.momentum)).toBeLessThanOrEqual(1e-12);
      else expect(momentum.every((m) => m === undefined)).toBe(true);
    });
  }
});
