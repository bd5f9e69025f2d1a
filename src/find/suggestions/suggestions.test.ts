import { describe, expect, it } from "vitest";
import { fastaiWindow, minimum, slide, steep, steepestRaw, suggestLrs, valley, type Suggestion } from "./index.js";

/** η = 10^(i/10 − 7): even steps on a log axis, as an exponential sweep. */
const lrsFor = (n: number) => Array.from({ length: n }, (_, i) => 10 ** (i / 10 - 7));
const curve = (losses: number[]) => ({ lrs: lrsFor(losses.length), losses });
const indexOf = (s: Suggestion) => (s.lr === undefined ? s.reason : s.index);

describe("valley", () => {
  it("a U-shaped curve of 30 points: valley 0…19 (L = 20, s = −1), index −1 + ⌊20/3⌋ + ⌊20/6⌋ = 8", () => {
    const losses = Array.from({ length: 30 }, (_, i) => (i - 19) ** 2);
    const s = valley(curve(losses));
    expect(s).toEqual({ lr: lrsFor(30)[8], index: 8 });
  });

  it("reads the longest decreasing subsequence as fastai does, as if contiguous", () => {
    // d = [1, 2, 1, 3, 4, 1, 5, 1]: the longest (5 → 4 → 3 → 2 → 1) ends at 6, so s = 1 and the
    // index is 1 + ⌊5/3⌋ + ⌊5/6⌋ = 2, even though point 2 is not in the subsequence.
    expect(indexOf(valley(curve([5, 4, 6, 3, 2, 7, 1, 8])))).toBe(2);
  });

  it("takes the first of equally long valleys", () => {
    // d = [1, 2, 3, 4, 1, 2, 3, 4]: the first run of 4 ends at 3, s = −1, index −1 + 1 + 0 = 0.
    expect(indexOf(valley(curve([3, 2, 1, 0, 5, 4, 3, 2])))).toBe(0);
    // 9 → 3 → 2 → 1 (points 3, 5, 6, 7) is longer than 3 → 2 → 1: L = 4 ending at 7, index 3 + 1 + 0 = 4.
    expect(indexOf(valley(curve([3, 2, 1, 9, 9, 3, 2, 1])))).toBe(4);
  });

  it("gives no suggestion when the loss never falls over 3 points", () => {
    expect(valley(curve([1, 2, 3, 4]))).toEqual({ lr: undefined, reason: "the loss never falls over 3 or more points (longest decreasing run: 1 of 4)" });
    expect(indexOf(valley(curve([2, 1, 3, 4])))).toMatch(/longest decreasing run: 2 of 4/);
    expect(indexOf(valley(curve([])))).toMatch(/run: 0 of 0/);
  });
});

describe("slide", () => {
  it("stops at once when the gradient at both ends of the 15-point window agrees: index n − 16", () => {
    const losses = Array.from({ length: 20 }, (_, i) => 3 - 0.1 * i);
    expect(slide(curve(losses))).toEqual({ lr: lrsFor(20)[4], index: 4 });
  });

  it("slides left while |g_r − g_l| > 0.005 and keeps the last l that disagreed", () => {
    // g_0 = −0.1, g_1 = −0.5, g_15 = −0.1, g_16 = −0.2: (16, 1) disagree, (15, 0) agree.
    const losses = [2, 1.9, ...Array<number>(14).fill(1), 0.8];
    expect(indexOf(slide(curve(losses)))).toBe(1);
  });

  it("multiplies by adjustValue and takes lrDiff and thresh", () => {
    const losses = Array.from({ length: 20 }, (_, i) => 3 - 0.1 * i);
    expect(slide(curve(losses), { adjustValue: 0.5, lrDiff: 5 })).toEqual({ lr: lrsFor(20)[14]! * 0.5, index: 14 });
    const quadratic = Array.from({ length: 20 }, (_, i) => 0.01 * i * i);
    expect(indexOf(slide(curve(quadratic)))).toBe(0);
    expect(indexOf(slide(curve(quadratic), { thresh: 1 }))).toBe(4);
  });

  it("needs lrDiff + 1 points", () => {
    expect(slide(curve(Array<number>(15).fill(1)))).toEqual({ lr: undefined, reason: "needs at least 16 points; got 15" });
  });
});

describe("minimum", () => {
  it("is η at the first lowest loss ÷ 10", () => {
    expect(minimum(curve([3, 1, 2, 1]))).toEqual({ lr: lrsFor(4)[1]! / 10, index: 1 });
    expect(minimum(curve([]))).toEqual({ lr: undefined, reason: "needs at least 1 point; got 0" });
  });
});

describe("steep", () => {
  it("is η at the left end of the segment with the most negative Δloss / Δln η", () => {
    const lrs = [1e-3, 1e-2, 1e-1, 1, 2];
    // slopes: −0.1/ln 10, −0.9/ln 10, +2/ln 10, −1.5/ln 2: the last segment falls least in loss but most per log step.
    expect(steep({ lrs, losses: [2, 1.9, 1.0, 3, 1.5] })).toEqual({ lr: 1, index: 3 });
    expect(steep({ lrs: lrs.slice(0, 4), losses: [2, 1.9, 1.0, 3] })).toEqual({ lr: 1e-2, index: 1 });
  });

  it("gives no suggestion for fewer than 2 points or a curve that never falls", () => {
    expect(steep(curve([1]))).toEqual({ lr: undefined, reason: "needs at least 2 points; got 1" });
    expect(steep(curve([1, 1, 2]))).toEqual({ lr: undefined, reason: "the loss never falls" });
  });
});

describe("steepestRaw", () => {
  const losses = [9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 5, 4, 2, 1, 1, 1, 1, 0];

  it("skips the first 10 and the last point, then takes the most negative central difference", () => {
    // kept 10…18: [5,5,5,4,2,1,1,1,1], g = [0, 0, −0.5, −1.5, −1.5, −0.5, 0, 0, 0]: first minimum at kept 3 = point 13.
    expect(steepestRaw(curve(losses))).toEqual({ lr: lrsFor(20)[13], index: 13 });
  });

  it("drops non-finite points and maps the index back to the whole curve", () => {
    const withNaN = [...losses];
    withNaN[12] = NaN;
    // kept 10, 11, 13…18: [5,5,4,2,1,1,1,1], g = [0, −0.5, −1.5, −1.5, −0.5, 0, 0, 0]: kept 2 = point 13.
    expect(indexOf(steepestRaw(curve(withNaN)))).toBe(13);
  });

  it("needs 2 finite points after the skips", () => {
    expect(indexOf(steepestRaw(curve(losses.slice(0, 12))))).toMatch(/needs at least 2 finite points after skipping the first 10 and the last 1; got 1 of 12/);
    expect(indexOf(steepestRaw(curve([...losses.slice(0, 10), 1, 1, 2, 3, 0])))).toBe("the loss never falls");
  });
});

describe("suggestLrs", () => {
  it("fastai's rules read points ⌊numIter/10⌋ … n − 6, cut at the first non-finite loss", () => {
    const losses = Array.from({ length: 100 }, (_, i) => i);
    expect(fastaiWindow(curve(losses), 100)).toMatchObject({ offset: 10, curve: { losses: losses.slice(10, 95) } });
    losses[50] = NaN;
    expect(fastaiWindow(curve(losses), 100).curve.losses).toEqual(losses.slice(10, 50));
    expect(fastaiWindow(curve(losses.slice(0, 12)), 100).curve.losses).toEqual([]);
  });

  it("returns every rule's pick with indices into the whole curve", () => {
    const losses = Array.from({ length: 100 }, (_, i) => 1 + ((i - 70) / 30) ** 2);
    const s = suggestLrs(curve(losses), 100);
    // Window 10…94: the loss falls over 10…70, so L = 61, s = 70 − 61 = 9 (window-relative −1), index 9 + 20 + 10 = 39.
    expect(s.valley).toEqual({ lr: lrsFor(100)[39], index: 39 });
    expect(s.minimum).toEqual({ lr: lrsFor(100)[70]! / 10, index: 70 });
    expect(s.steep).toEqual({ lr: lrsFor(100)[10], index: 10 });
    expect(s.steepest_raw).toEqual({ lr: lrsFor(100)[10], index: 10 });
    expect(s.slide.lr).toBeDefined();
  });

  it("a short curve (a test stopped early) gives reasons instead of values", () => {
    const s = suggestLrs(curve([3, 2, 1, 0.5, 9, 99, 999, 9999]), 100);
    expect(s.valley).toEqual({ lr: undefined, reason: "the loss never falls over 3 or more points (longest decreasing run: 0 of 0); fastai's rules read no points of 8" });
    expect(s.minimum.lr).toBeUndefined();
    expect(s.steepest_raw.lr).toBeUndefined();
  });
});
