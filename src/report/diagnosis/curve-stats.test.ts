import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearTrend, median, robustNoise, runningMedian3, timeConstantsSpanned } from "./curve-stats.js";

function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe("curve statistics", () => {
  it("median: middle value, mean of the middle two, NaN when empty; the input is left unsorted", () => {
    const values = [3, 1, 2];
    expect(median(values)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("robustNoise recovers the std of Gaussian noise on a trend, ignores rare spikes, and counts a period-2 bounce", () => {
    const g = gaussian(1);
    const noisy = Array.from({ length: 4000 }, (_, t) => 5 - 0.001 * t + 0.2 * g());
    expect(robustNoise(noisy)).toBeGreaterThan(0.19);
    expect(robustNoise(noisy)).toBeLessThan(0.21);
    const spiked = noisy.map((v, t) => (t % 200 === 0 ? v + 50 : v));
    expect(robustNoise(spiked)).toBeLessThan(0.22);
    const bounce = Array.from({ length: 100 }, (_, t) => (t % 2 === 0 ? 1.5 : 0.5));
    expect(robustNoise(bounce)).toBeCloseTo((1.4826 * 1) / Math.sqrt(1.5), 12);
    expect(robustNoise(Array.from({ length: 50 }, (_, t) => 3 - 0.01 * t))).toBeCloseTo(0, 12);
    expect(robustNoise(Array.from({ length: 50 }, (_, t) => Math.exp(-t / 10)))).toBeLessThan(0.01);
    expect(robustNoise([1, 2])).toBe(0);
  });

  it("linearTrend: the exact slope, an infinite t for a noiseless line, 0 for a flat one, and t ~ slope/SE under noise", () => {
    const x = Array.from({ length: 20 }, (_, i) => 10 * i);
    expect(linearTrend(x, x.map((v) => 2 - 0.01 * v))).toEqual({ slope: expect.closeTo(-0.01, 15), t: -Infinity });
    expect(linearTrend(x, x.map(() => 7))).toEqual({ slope: 0, t: 0 });
    expect(linearTrend([1, 1, 1], [1, 2, 3])).toEqual({ slope: 0, t: 0 });
    expect(linearTrend([0, 1], [0, 1])).toEqual({ slope: 0, t: 0 });
    // By hand: x = 0..3, y = 0, 2, 1, 3 → Sxy = 4, Sxx = 5, slope 0.8, intercept 0.3.
    const { slope, t } = linearTrend([0, 1, 2, 3], [0, 2, 1, 3]);
    expect(slope).toBeCloseTo(0.8, 14);
    // residuals: y − (0.3 + 0.8x) = −0.3, 0.9, −0.9, 0.3 → s² = 1.8 / 2 = 0.9, Sxx = 5, SE = √0.18.
    expect(t).toBeCloseTo(0.8 / Math.sqrt(0.18), 12);
  });

  it("runningMedian3 removes a one-step spike and keeps a three-step one", () => {
    expect(runningMedian3([1, 1, 9, 1, 1])).toEqual([1, 1, 1, 1, 1]);
    expect(runningMedian3([1, 9, 9, 9, 1])).toEqual([5, 9, 9, 9, 5]);
  });

  it("timeConstantsSpanned inverts the bend ratio of an exponential approach", () => {
    const q = 0.25;
    const bend = (x: number) => (x * Math.exp(-(1 - q / 2) * x)) / -Math.expm1(-x);
    for (const x of [0.05, 0.5, 1, 2, 3.3, 6, 20]) expect(timeConstantsSpanned(bend(x), q)).toBeCloseTo(x, 8);
    expect(timeConstantsSpanned(1, q)).toBe(0);
    expect(timeConstantsSpanned(1.7, q)).toBe(0);
    expect(timeConstantsSpanned(0, q)).toBe(Infinity);
    expect(timeConstantsSpanned(-0.3, q)).toBe(Infinity);
    expect(timeConstantsSpanned(NaN, q)).toBe(Infinity);
  });

  it("timeConstantsSpanned falls as the bend ratio rises (a straighter curve spanned fewer time constants)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.999, noNaN: true }), fc.double({ min: 1e-6, max: 0.999, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return timeConstantsSpanned(lo, 0.25) >= timeConstantsSpanned(hi, 0.25);
      }),
    );
  });
});
