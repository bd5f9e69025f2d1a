import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { discountedReturns, normalize } from "./returns.js";

describe("discountedReturns", () => {
  it("sums the discounted rewards to the end of the episode", () => {
    expect([...discountedReturns([1, 1, 1], 0.5)]).toEqual([1.75, 1.5, 1]);
    expect([...discountedReturns([0, 0, 4], 0.5)]).toEqual([1, 2, 4]);
    expect([...discountedReturns([2, 3], 0)]).toEqual([2, 3]);
  });

  it("gives CartPole's closed form (1 − γ^(T−t)) / (1 − γ) for rewards of 1", () => {
    const returns = discountedReturns(new Array(200).fill(1), 0.99);
    returns.forEach((g, t) => expect(g).toBeCloseTo((1 - 0.99 ** (200 - t)) / 0.01, 9));
  });

  it("satisfies G_t = r_t + γ·G_{t+1} with G after the last step 0", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (rewards, gamma) => {
        const g = discountedReturns(rewards, gamma);
        rewards.forEach((r, t) => expect(g[t]).toBeCloseTo(r + gamma * (g[t + 1] ?? 0), 9));
      }),
    );
  });
});

describe("normalize", () => {
  it("gives mean 0 and population standard deviation 1", () => {
    const z = normalize([1, 2, 3, 4, 10]);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 6);
    expect(z[4]).toBeGreaterThan(z[3]!);
  });

  it("maps a constant batch to zeros", () => {
    expect([...normalize([5, 5, 5])]).toEqual([0, 0, 0]);
    expect([...normalize([7])]).toEqual([0]);
  });
});
