import { describe, expect, it } from "vitest";
import { seededGenerator } from "../../data/index.js";
import { cartPole, resetCartPole, stepCartPole, type CartPoleState } from "./environment.js";

const upright: CartPoleState = Object.freeze({ x: 0, xDot: 0, theta: 0, thetaDot: 0, steps: 0 });

describe("CartPole dynamics", () => {
  // From rest (θ = θ̇ = 0, so sin θ = 0, cos θ = 1) with F = ±10, m·l = 0.05, mₜ = 1.1:
  //   temp = ±10 / 1.1 = ±100/11
  //   θ̈ = −temp / (0.5 · (4/3 − 0.1/1.1)) = −temp / (41/66) = ∓600/41
  //   ẍ = temp − 0.05 · θ̈ / 1.1 = ±(100/11 + 300/451) = ±4400/451
  // and after one Euler step of τ = 0.02: x = θ = 0, ẋ = ±88/451, θ̇ = ∓12/41.
  it.each([
    [1, 1] as const,
    [0, -1] as const,
  ])("matches the hand-computed step from rest for action %i", (action, sign) => {
    const { state, reward, terminated, truncated } = stepCartPole(upright, action);
    expect(state.x).toBe(0);
    expect(state.theta).toBe(0);
    expect(state.xDot).toBeCloseTo((sign * 88) / 451, 14);
    expect(state.thetaDot).toBeCloseTo((-sign * 12) / 41, 14);
    expect(state.steps).toBe(1);
    expect(reward).toBe(1);
    expect(terminated).toBe(false);
    expect(truncated).toBe(false);
  });

  it("matches the equations by hand for a tilted, moving pole, positions moved with the old velocities", () => {
    // x = 1, ẋ = −2, θ = 0.1, θ̇ = 0.5, pushing right (F = 10):
    //   sin θ = 0.0998334166468, cos θ = 0.9950041652780
    //   temp = (10 + 0.05 · 0.5² · sin θ) / 1.1                          = 9.0920435615528
    //   θ̈ = (9.8 · sin θ − cos θ · temp) / (0.5 · (4/3 − 0.1 · cos²θ / 1.1)) = −12.978455822448
    //   ẍ = temp − 0.05 · θ̈ · cos θ / 1.1                                 = 9.6790261798352
    const { state } = stepCartPole({ x: 1, xDot: -2, theta: 0.1, thetaDot: 0.5, steps: 7 }, 1);
    expect(state.x).toBeCloseTo(1 + 0.02 * -2, 14);
    expect(state.theta).toBeCloseTo(0.1 + 0.02 * 0.5, 14);
    expect(state.xDot).toBeCloseTo(-2 + 0.02 * 9.6790261798352, 12);
    expect(state.thetaDot).toBeCloseTo(0.5 + 0.02 * -12.978455822448, 12);
    expect(state.steps).toBe(8);
  });

  it("is pure and mirror-symmetric: pushing left from the mirrored state gives the mirrored state", () => {
    const s: CartPoleState = Object.freeze({ x: 0.3, xDot: -0.4, theta: 0.05, thetaDot: 0.2, steps: 3 });
    const mirrored: CartPoleState = { x: -0.3, xDot: 0.4, theta: -0.05, thetaDot: -0.2, steps: 3 };
    const right = stepCartPole(s, 1).state;
    const left = stepCartPole(mirrored, 0).state;
    expect(left.x).toBeCloseTo(-right.x, 15);
    expect(left.xDot).toBeCloseTo(-right.xDot, 15);
    expect(left.theta).toBeCloseTo(-right.theta, 15);
    expect(left.thetaDot).toBeCloseTo(-right.thetaDot, 15);
  });
});

describe("CartPole episode rules", () => {
  it("terminates when |x| passes 2.4 or |θ| passes 12°, and not before", () => {
    expect(cartPole.thetaThreshold).toBeCloseTo(0.20943951, 8);
    const still = (x: number, theta: number): CartPoleState => ({ x, xDot: 0, theta, thetaDot: 0, steps: 0 });
    expect(stepCartPole(still(2.39, 0), 1).terminated).toBe(false);
    expect(stepCartPole({ ...still(2.39, 0), xDot: 1 }, 1).terminated).toBe(true);
    expect(stepCartPole({ ...still(-2.39, 0), xDot: -1 }, 0).terminated).toBe(true);
    expect(stepCartPole(still(0, 0.2), 0).terminated).toBe(false);
    expect(stepCartPole({ ...still(0, 0.2), thetaDot: 1 }, 0).terminated).toBe(true);
    expect(stepCartPole({ ...still(0, -0.2), thetaDot: -1 }, 1).terminated).toBe(true);
  });

  it("truncates at maxSteps (500 by default, 200 for v0), also on a terminating step", () => {
    const at = (steps: number): CartPoleState => ({ ...upright, steps });
    expect(stepCartPole(at(498), 1).truncated).toBe(false);
    expect(stepCartPole(at(499), 1).truncated).toBe(true);
    expect(stepCartPole(at(198), 1, 200).truncated).toBe(false);
    expect(stepCartPole(at(199), 1, 200).truncated).toBe(true);
    const both = stepCartPole({ x: 2.4, xDot: 1, theta: 0, thetaDot: 0, steps: 199 }, 1, 200);
    expect([both.terminated, both.truncated]).toEqual([true, true]);
  });

  it("starts uniformly in [−0.05, 0.05]⁴, the same for the same seed", () => {
    const starts = Array.from({ length: 200 }, (_, i) => resetCartPole(seededGenerator(i, 7)));
    const values = starts.flatMap((s) => [s.x, s.xDot, s.theta, s.thetaDot]);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(Math.max(...values)).toBeGreaterThan(0.045);
    expect(Math.min(...values)).toBeLessThan(-0.045);
    expect(starts.every((s) => s.steps === 0)).toBe(true);
    expect(resetCartPole(seededGenerator(3, 7))).toEqual(starts[3]);
  });
});
