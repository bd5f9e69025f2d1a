import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { countPositives, formatImbalanced, malignantAsPositive, runImbalanced, splitParts, subsamplePositives } from "./index.js";

describe("runImbalanced", () => {
  it("splits 50/25/25 stratified, so each imbalanced part keeps some of the 7 positives", async () => {
    const parts = splitParts(subsamplePositives(await malignantAsPositive(), 0.02, 0), 0);
    expect([parts.train.n, parts.val.n, parts.test.n]).toEqual([182, 91, 91]);
    expect([countPositives(parts.train), countPositives(parts.val), countPositives(parts.test)]).toEqual([3, 2, 2]);
    const mean = (j: number) => Array.from({ length: parts.train.n }, (_, i) => parts.train.x[i * 30 + j]!).reduce((a, b) => a + b, 0) / parts.train.n;
    expect(Math.abs(mean(0))).toBeLessThan(1e-5);
  });

  it("reports one row per (η, weighting) per variant, with pos_weight = N₋/N₊ of the training part", async () => {
    const progress: number[] = [];
    const result = await runImbalanced({ lrs: [0.05], epochs: 3, repeats: 2, onProgress: (p) => progress.push(p.run) });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const [asIs, imbalanced] = result.variants;
    expect(asIs!.train).toEqual({ samples: 284, positives: 106 });
    expect(imbalanced!.test).toEqual({ samples: 91, positives: 2 });
    expect(imbalanced!.rows.map((r) => [r.lr, r.weighted])).toEqual([
      [0.05, false],
      [0.05, true],
    ]);
    const weighted = imbalanced!.rows[1]!;
    expect(weighted.repeats.map((r) => r.posWeight)).toEqual([179 / 3, 179 / 3]);
    expect(imbalanced!.rows[0]!.repeats.map((r) => r.posWeight)).toEqual([null, null]);
    const testPositives = (rows: NonNullable<typeof asIs>["rows"]) => new Set(rows.flatMap((r) => r.repeats.flatMap((x) => [x.atHalf.tp + x.atHalf.fn, x.atThreshold.tp + x.atThreshold.fn])));
    expect(testPositives(asIs!.rows)).toEqual(new Set([53]));
    expect(testPositives(imbalanced!.rows)).toEqual(new Set([2]));
    for (const row of [...asIs!.rows, ...imbalanced!.rows]) {
      expect(row.repeats.every((r) => r.threshold > 0 && r.threshold < 1)).toBe(true);
      expect(row.prAuc).toBeGreaterThan(0);
    }
    const text = formatImbalanced(result);
    expect(text).toMatch(/imbalanced \(positives subsampled to 2%\): train 182 \(3 positive\), validation 91 \(2 positive\), test 91 \(2 positive\)/);
    expect(text).toMatch(/\n0\.05 +59\.67 /);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("names a bad option", async () => {
    await expect(runImbalanced({ positiveFraction: 0.7 })).rejects.toThrow(ConfigError);
    await expect(runImbalanced({ repeat: 2 } as never)).rejects.toThrow(/did you mean "repeats"/);
  });
});
