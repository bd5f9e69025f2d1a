import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { formatFineTune, runFineTune, type FineTuneProgress } from "./index.js";

describe("runFineTune", () => {
  it("leaves the frozen conv layers bit-identical, and moves them less at a small η than at the from-scratch η", async () => {
    const progress: FineTuneProgress[] = [];
    const result = await runFineTune({ pretrainImages: 128, fineTuneSteps: 3, testImages: 50, only: ["full", "small", "frozen"], onProgress: (p) => progress.push(p) });
    expect(result.pretrain.steps).toBe(2);
    expect(result.fineTuneImages).toBe(192);
    expect(result.runs.map((r) => r.name)).toEqual(["full", "small", "frozen"]);
    const [full, small, frozen] = result.runs;
    expect(frozen!.frozenIdentical).toBe(true);
    expect([frozen!.change.conv1, frozen!.change.conv2]).toEqual([0, 0]);
    expect(frozen!.change.head).toBeGreaterThan(0);
    for (const layer of ["conv1", "conv2", "head"] as const) {
      expect(small!.change[layer]).toBeGreaterThan(0);
      expect(small!.change[layer]).toBeLessThan(full!.change[layer] / 3);
    }
    expect(progress.map((p) => `${p.phase} ${p.step}/${p.steps}`)).toEqual(["pretrain 2/2", "full 3/3", "small 3/3", "frozen 3/3"]);
    const text = formatFineTune(result);
    expect(text).toMatch(/frozen conv \(lr 0\), head Adam 1e-3 +[\d.]+ +[\d.]+ +0 +0 +\d\.\d\de-\d/);
    expect(text).toContain("bit-identical after fine-tuning: yes");
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("warms the discriminative run up and keeps conv1 closest to its pre-trained weights", async () => {
    const result = await runFineTune({ pretrainImages: 64, fineTuneSteps: 10, testImages: 20, only: ["discriminative"] });
    const run = result.runs[0]!;
    expect(run.warmupSteps).toBe(2);
    expect(run.lr.slice(0, 4)).toEqual([expect.closeTo(1e-5, 15), expect.closeTo(5.05e-4, 15), 1e-3, 1e-3]);
    expect(run.change.conv1).toBeLessThan(run.change.conv2);
    expect(run.change.conv2).toBeLessThan(run.change.head);
  });

  it("names a bad option", async () => {
    await expect(runFineTune({ only: ["frozn" as never] })).rejects.toThrow(/did you mean "frozen"/);
    await expect(runFineTune({ fineTuneSteps: 0 })).rejects.toThrow(ConfigError);
  });
});
