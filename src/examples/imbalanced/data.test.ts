import { describe, expect, it } from "vitest";
import { countPositives, malignantAsPositive, subsamplePositives } from "./data.js";

describe("the imbalanced example's data", () => {
  it("takes all 569 breast-cancer samples with malignant (212) as the positive class", async () => {
    const data = await malignantAsPositive();
    expect([data.n, countPositives(data), data.classes]).toEqual([569, 212, ["benign", "malignant"]]);
  });

  it("subsamples the positives to about 2%, keeping every negative and the sample order", async () => {
    const data = await malignantAsPositive();
    const small = subsamplePositives(data, 0.02, 0);
    expect([small.n, countPositives(small)]).toEqual([364, 7]);
    expect(countPositives(small) / small.n).toBeCloseTo(0.02, 2);
    const tenth = subsamplePositives(data, 0.1, 0);
    expect(countPositives(tenth)).toBe(Math.round((0.1 * 357) / 0.9));
    // Every kept row is a row of the original, in the original order.
    const rows = (d: typeof data) => Array.from({ length: d.n }, (_, i) => Array.from(d.x.subarray(i * 30, (i + 1) * 30)).join(","));
    const original = rows(data);
    const positions = rows(small).map((row) => original.indexOf(row));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
  });

  it("draws the same positives for the same seed and others for another seed", async () => {
    const data = await malignantAsPositive();
    const kept = (seed: number) => Array.from(subsamplePositives(data, 0.02, seed).x.subarray(0, 364 * 30));
    expect(kept(3)).toEqual(kept(3));
    expect(kept(4)).not.toEqual(kept(3));
  });
});
