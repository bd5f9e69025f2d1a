import { describe, expect, it } from "vitest";
import { stillWarmingUp } from "./warmup.js";

const ramp = (n: number, peak: number) => Array.from({ length: n }, (_, i) => (peak * (i + 1)) / n);

describe("stillWarmingUp", () => {
  it("is true while η is rising to the last step (linear warm-up, one-cycle's first phase)", () => {
    expect(stillWarmingUp(ramp(30, 0.1))).toBe(true);
    const oneCycleStart = Array.from({ length: 40 }, (_, i) => 0.004 + 0.096 * (1 - Math.cos((Math.PI * i) / 120)) / 2);
    expect(stillWarmingUp(oneCycleStart)).toBe(true);
  });

  it("is false for a constant η, a schedule past its peak, and a plateau longer than a tenth of the run", () => {
    expect(stillWarmingUp(Array<number>(50).fill(0.01))).toBe(false);
    expect(stillWarmingUp([...ramp(30, 0.1), 0.09, 0.08])).toBe(false);
    expect(stillWarmingUp([...ramp(30, 0.1), ...Array<number>(10).fill(0.1)])).toBe(false);
    expect(stillWarmingUp([...ramp(30, 0.1), 0.1])).toBe(true);
  });

  it("ignores non-finite η and needs two finite ones", () => {
    expect(stillWarmingUp([NaN, 0.01, NaN, 0.02])).toBe(true);
    expect(stillWarmingUp([0.01])).toBe(false);
    expect(stillWarmingUp([])).toBe(false);
  });
});
