import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { smoothEma } from "./smooth-ema.js";

describe("smoothEma", () => {
  it("matches the debiased EMA computed by hand", () => {
    // β = 0.5: s = 1, 2.5, 5.25; divided by 1 − 0.5^t = 0.5, 0.75, 0.875.
    const smoothed = smoothEma([2, 4, 8], 0.5);
    expect(smoothed[0]).toBe(2);
    expect(smoothed[1]).toBeCloseTo(10 / 3, 14);
    expect(smoothed[2]).toBeCloseTo(6, 14);
    // β = 0.9: s = 0.1, 0.09 + 0.3 = 0.39; divided by 0.1, 0.19.
    const [a, b] = smoothEma([1, 3], 0.9);
    expect(a).toBeCloseTo(1, 14);
    expect(b).toBeCloseTo(0.39 / 0.19, 14);
  });

  it("starts at the first value and leaves a constant series unchanged (the debiasing at work)", () => {
    expect(smoothEma(Array.from({ length: 200 }, () => 0.5), 0.98).every((s) => s === 0.5)).toBe(true);
    expect(smoothEma([7.5, 0, 0], 0.98)[0]).toBeCloseTo(7.5, 12);
  });

  it("is the identity at β = 0 and empty for no values", () => {
    expect(smoothEma([3, -1, 4], 0)).toEqual([3, -1, 4]);
    expect(smoothEma([], 0.98)).toEqual([]);
  });

  it("stays exactly within the range of the values seen so far (a weighted mean, rounding clamped)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (values, beta) => {
        const smoothed = smoothEma(values, beta);
        return smoothed.every((s, t) => {
          const seen = values.slice(0, t + 1);
          return s >= Math.min(...seen) && s <= Math.max(...seen);
        });
      }),
    );
  });

  it("refuses β outside [0, 1)", () => {
    expect(() => smoothEma([1], 1)).toThrow(ConfigError);
    expect(() => smoothEma([1], -0.1)).toThrow(/β must be in \[0, 1\); got -0.1/);
    expect(() => smoothEma([1], NaN)).toThrow(ConfigError);
  });
});
