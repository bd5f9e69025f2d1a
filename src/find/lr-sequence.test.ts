import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lrSequence } from "./lr-sequence.js";

describe("lrSequence", () => {
  it("exponential: η_i = start·(end/start)^(i/(n−1)), one decade per step for 1e-7 → 10 over 9 steps", () => {
    const lrs = lrSequence(1e-7, 10, 9, "exp");
    const expected = [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
    lrs.forEach((lr, i) => expect(Math.abs(lr / expected[i]! - 1)).toBeLessThan(1e-14));
  });

  it("linear: η_i = start + (end − start)·i/(n−1)", () => {
    expect(lrSequence(0.1, 0.5, 5, "linear").map((x) => Number(x.toPrecision(12)))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it("starts at start, ends at end and grows strictly, in both modes", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1, noNaN: true }),
        fc.double({ min: 1.001, max: 1e6, noNaN: true }),
        fc.integer({ min: 5, max: 300 }),
        fc.constantFrom("exp" as const, "linear" as const),
        (start, ratio, n, mode) => {
          const lrs = lrSequence(start, start * ratio, n, mode);
          expect(lrs).toHaveLength(n);
          expect(lrs[0]).toBe(start);
          expect(Math.abs(lrs[n - 1]! / (start * ratio) - 1)).toBeLessThan(1e-12);
          for (let i = 1; i < n; i++) expect(lrs[i]!).toBeGreaterThan(lrs[i - 1]!);
        },
      ),
    );
  });

  it("exponential steps have a constant ratio; linear steps a constant difference", () => {
    const exp = lrSequence(1e-4, 1, 50, "exp");
    const lin = lrSequence(1e-4, 1, 50, "linear");
    for (let i = 1; i < 50; i++) {
      expect(exp[i]! / exp[i - 1]!).toBeCloseTo(10 ** (4 / 49), 12);
      expect(lin[i]! - lin[i - 1]!).toBeCloseTo((1 - 1e-4) / 49, 12);
    }
  });
});
