import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { renderSvg } from "../../report/index.js";
import { formatLrCompare, lrCompareChart, runLrCompare } from "./index.js";

describe("runLrCompare", () => {
  it("gives one run per η with its per-step loss, a table row each and one chart line each", async () => {
    const result = await runLrCompare({ lrs: [0.01, 0.1, 1e6], steps: 5, testImages: 50 });
    expect([result.steps, result.batchSize, result.testImages]).toEqual([5, 64, 50]);
    expect(result.runs.map((r) => r.lr)).toEqual([0.01, 0.1, 1e6]);
    const [slow, fast, huge] = result.runs;
    for (const run of [slow!, fast!]) {
      expect(run.loss).toHaveLength(5);
      expect(run.steps).toBe(5);
      expect(run.stopped).toBeNull();
      expect(run.finalLoss).toBeCloseTo(run.loss.reduce((a, b) => a + b, 0) / 5, 12);
    }
    expect(slow!.loss[0]).toBe(fast!.loss[0]);
    expect(huge!.stopped).toMatch(/loss became (NaN|Infinity)/);
    expect(huge!.steps).toBeLessThan(5);

    const lines = formatLrCompare(result).split("\n");
    const header = lines.findIndex((line) => line.startsWith("η "));
    expect(lines[header]).toMatch(/^η +loss \(last 50 steps\) +test accuracy +steps +time +stopped$/);
    expect(lines.slice(header + 1, header + 4).map((line) => line.split(/ +/)[0])).toEqual(["0.01", "0.1", "1000000"]);
    expect(lines[header + 4]).toBe("");

    const spec = lrCompareChart(result) as { layer: { data?: { values: { run?: string }[] } }[] };
    expect(new Set(spec.layer[0]!.data!.values.map((v) => v.run))).toEqual(new Set(["η = 0.01", "η = 0.1", "η = 1000000"]));
    const svg = await renderSvg(lrCompareChart(result));
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("η = 0.1");
  });

  it("names a bad option", async () => {
    await expect(runLrCompare({ lrs: [] })).rejects.toThrow(ConfigError);
    await expect(runLrCompare({ step: 3 } as never)).rejects.toThrow(/did you mean "steps"/);
  });
});
