import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { formatMnistCnn, mnistCnnConfig, runMnistCnn, type MnistCnnProgress } from "./index.js";

describe("runMnistCnn", () => {
  it("trains the seed CNN with Adam 1e-3 for one epoch of batch 64 and reports test accuracy and time", async () => {
    expect(mnistCnnConfig).toMatchObject({ model: { preset: "cnn" }, optimizer: { type: "Adam", lr: 1e-3 }, epochs: 1, batch_size: 64 });
    const progress: MnistCnnProgress[] = [];
    const result = await runMnistCnn({ trainImages: 200, testImages: 100, onProgress: (p) => progress.push(p) });
    expect([result.steps, result.trainImages, result.testImages]).toEqual([4, 200, 100]);
    expect(progress.map((p) => p.step)).toEqual([4]);
    expect(result.testAccuracy).toBeGreaterThan(0.2);
    expect(result.lastLoss).toBeLessThan(result.firstLoss + 1e-9);
    expect(result.trainSeconds).toBeLessThanOrEqual(result.seconds);
    const text = formatMnistCnn(result);
    expect(text).toContain(`test accuracy: ${result.testAccuracy.toFixed(4)} on 100 test images`);
    expect(text).toContain("one epoch: 4 steps over 200 training images");
  });

  it("is reproducible for a seed", async () => {
    const a = await runMnistCnn({ trainImages: 64, testImages: 50, seed: 3 });
    const b = await runMnistCnn({ trainImages: 64, testImages: 50, seed: 3 });
    expect([b.testAccuracy, b.testLoss, b.lastLoss]).toEqual([a.testAccuracy, a.testLoss, a.lastLoss]);
  });

  it("names a bad option", async () => {
    await expect(runMnistCnn({ trainImages: 0 })).rejects.toThrow(ConfigError);
    await expect(runMnistCnn({ epochs: 2 } as never)).rejects.toThrow(/mnist-cnn/);
  });
});
