import { describe, expect, it } from "vitest";
import { smoothEma } from "../curves/index.js";
import { lossMonitor } from "./loss-monitor.js";

describe("lossMonitor", () => {
  it("records the debiased EMA of the loss (β 0.98): ŝ_1 = ℓ_1, ŝ_2 = (0.98·0.02·ℓ_1 + 0.02·ℓ_2) / (1 − 0.98²)", () => {
    const monitor = lossMonitor(0.98, 4);
    monitor.record(1e-3, 2);
    monitor.record(2e-3, 1);
    expect(monitor.smoothed[0]).toBe(2);
    expect(monitor.smoothed[1]).toBeCloseTo((0.98 * 0.02 * 2 + 0.02 * 1) / (1 - 0.98 ** 2), 14);
    expect(monitor.lrs).toEqual([1e-3, 2e-3]);
    expect(monitor.raw).toEqual([2, 1]);
  });

  it("stops on the first step whose smoothed loss passes threshold × its best so far, and not before", () => {
    const losses = [1, 0.8, 0.6, 0.5, 0.5, 1, 2, 4, 8, 16, 32, 64, 128];
    const smoothed = smoothEma(losses, 0.9);
    const best = smoothed.map((_, i) => Math.min(...smoothed.slice(0, i + 1)));
    const expected = smoothed.findIndex((s, i) => s > 2 * best[i]!);
    expect(expected).toBeGreaterThan(5);
    const monitor = lossMonitor(0.9, 2);
    let stoppedAt = -1;
    for (let i = 0; i < losses.length && stoppedAt < 0; i++) {
      const stop = monitor.record(10 ** (i - 6), losses[i]!);
      if (stop) {
        stoppedAt = i;
        expect(stop.kind).toBe("diverged");
        expect(stop.step).toBe(i);
        expect(stop.reason).toMatch(new RegExp(`passed 2 × its best ${best[i]!.toPrecision(4)} at step ${i}`));
      }
    }
    expect(stoppedAt).toBe(expected);
    expect(monitor.smoothed).toEqual(smoothed.slice(0, expected + 1));
  });

  it("stops at once on a non-finite loss, recording it as the curve's last point", () => {
    const monitor = lossMonitor(0.98, 4);
    expect(monitor.record(0.1, 1)).toBeUndefined();
    const stop = monitor.record(0.2, Infinity);
    expect(stop).toEqual({ kind: "non_finite", reason: "the loss became Infinity at step 1 (η 0.2)", step: 1 });
    expect(monitor.smoothed).toEqual([1, NaN]);
    expect(monitor.raw).toEqual([1, Infinity]);
  });

  it("never stops on divergence with threshold Infinity", () => {
    const monitor = lossMonitor(0.98, Infinity);
    for (let i = 0; i < 50; i++) expect(monitor.record(i, 2 ** i)).toBeUndefined();
  });
});
