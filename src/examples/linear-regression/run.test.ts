import { describe, expect, it } from "vitest";
import { linearRegression } from "./run.js";

describe("the seed example", () => {
  it("ends where PyTorch's SGD ends (slope 0.6176947951316833, intercept 2.1361162662506104)", async () => {
    const result = await linearRegression();
    expect(Math.abs(result.slope - 0.6176947951316833)).toBeLessThan(1e-5);
    expect(Math.abs(result.intercept - 2.1361162662506104)).toBeLessThan(1e-5);
    expect(Math.abs(result.loss - 0.4807479977607727)).toBeLessThan(1e-5);
    expect(result.lossHistory).toHaveLength(1000);
  });

  it("follows the learning rate: a larger η gets closer to the least-squares line in the same epochs", async () => {
    const slow = await linearRegression({ epochs: 200, optimizer: { type: "SGD", lr: 0.001 } });
    const fast = await linearRegression({ epochs: 200, optimizer: { type: "SGD", lr: 0.05 } });
    expect(fast.loss).toBeLessThan(slow.loss);
  });
});
