import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { trackLiveBuffers } from "../../optim/testing/live-buffers.js";
import { createDescent, diabetesDesignMatrix, fellEveryStep, formatRegressionStability, leastSquaresHessian, runRegressionStability, symmetricEigenvalues } from "./index.js";

describe("gradient descent around η_max = 2/λ_max", () => {
  it("converges just below η_max (the loss falls at every step) and diverges just above it (growing by (1 − ηλ_max)² per step)", async () => {
    const design = await diabetesDesignMatrix();
    const lambdaMax = symmetricEigenvalues(leastSquaresHessian(design.x, design.n, design.d)).at(-1)!;
    const etaMax = 2 / lambdaMax;
    const descent = createDescent(design);
    try {
      const below = await descent.run({ batchSize: design.n, lr: 0.95 * etaMax, epochs: 60, seed: 0 });
      const above = await descent.run({ batchSize: design.n, lr: 1.05 * etaMax, epochs: 60, seed: 0 });
      expect(below.divergedAt).toBeNull();
      expect(below.stepLoss).toHaveLength(60);
      expect(fellEveryStep(below.stepLoss)).toBe(true);
      expect(below.finalLoss).toBeLessThan(0.1 * descent.initialLoss);
      expect(above.divergedAt).not.toBeNull();
      expect(above.finalLoss).toBeGreaterThan(descent.divergenceLoss);
      const growth = above.stepLoss.at(-1)! / above.stepLoss.at(-2)!;
      expect(growth).toBeCloseTo((1 - 1.05 * etaMax * lambdaMax) ** 2, 2);
    } finally {
      descent.dispose();
    }
  });

  it("reports one run per method and η, in order, with a table row each", async () => {
    const progress: number[] = [];
    const result = await runRegressionStability({ lrs: [0.01], fractions: [1.05], epochs: 2, onProgress: (p) => progress.push(p.run) });
    expect(result.runs.map((r) => [r.method, r.batchSize, r.relative])).toEqual([
      ["full-batch", 442, undefined],
      ["full-batch", 442, 1.05],
      ["mini-batch", 32, undefined],
      ["mini-batch", 32, 1.05],
      ["sgd", 1, undefined],
      ["sgd", 1, 1.05],
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.runs[4]!.steps).toBe(884);
    expect(result.runs[5]!.divergedAt).not.toBeNull();
    expect(result.eigenvalues).toHaveLength(11);
    for (const run of result.runs) expect(run.bestLoss).toBeGreaterThanOrEqual(result.optimalLoss * (1 - 1e-5));
    expect(result.sgdSafeLr).toBeLessThan(result.sgdMedianLr);
    const text = formatRegressionStability(result);
    expect(text).toContain(`η_max = 2/λ_max = ${result.etaMax.toPrecision(6)}`);
    expect(text).toMatch(/full-batch +442 +0\.01 +2 +loss [\d.]+, fell at every step/);
    expect(text).toMatch(/sgd +1 +0\.2609 \(1\.05·η_max\) +\d+ +diverged at step \d+/);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("frees every array it creates", async () => {
    const design = await diabetesDesignMatrix();
    const live = await trackLiveBuffers();
    const before = live.count();
    const descent = createDescent(design);
    await descent.run({ batchSize: 32, lr: 0.01, epochs: 1, seed: 0 });
    await descent.run({ batchSize: design.n, lr: 10, epochs: 5, seed: 0 });
    descent.dispose();
    expect(live.count()).toBe(before);
  });

  it("names a bad option", async () => {
    await expect(runRegressionStability({ epoch: 3 } as never)).rejects.toThrow(/did you mean "epochs"/);
    await expect(runRegressionStability({ lrs: [0] })).rejects.toThrow(ConfigError);
  });
});
