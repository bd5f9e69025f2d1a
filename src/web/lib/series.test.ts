import { describe, expect, it } from "vitest";
import { rangeTestOf } from "./range-test.js";
import { alignSeries, smoothFinite } from "./series.js";
import { formatNumber, formatPercent } from "./format.js";
import { isolines } from "../playground/contour.js";

describe("chart helpers", () => {
  it("alignSeries puts series with different x on their sorted union, NaN where a series has no value", () => {
    expect(alignSeries([{ x: [0, 2], y: [1, 3] }, { x: [1, 2], y: [5, 6] }])).toEqual({ x: [0, 1, 2], ys: [[1, NaN, 3], [NaN, 5, 6]] });
  });

  it("smoothFinite smooths around non-finite values and keeps them in place", () => {
    const out = smoothFinite([1, NaN, 1, Infinity, 1]);
    expect(out.map((v) => (Number.isFinite(v) ? v : "gap"))).toEqual([1, "gap", 1, "gap", 1]);
  });

  it("rangeTestOf reads a stored RangeTestSummary, sorted by η, and nothing else", () => {
    const stored = rangeTestOf({ lrs: [2, 1, "NaN"], losses: [3, 4, 5], raw_losses: [5, 6, 7], suggestions: { valley: 1.5, slide: null } });
    expect(stored).toEqual({ lrs: [1, 2, NaN], losses: [4, 3, 5], rawLosses: [6, 5, 7], suggestions: [{ name: "valley", lr: 1.5 }] });
    expect(rangeTestOf({ lrs: [1], losses: [1], suggestions: [{ method: "minimum", lr: 0.1 }] })!.suggestions).toEqual([]);
    expect(rangeTestOf({ lrs: [1, 2], losses: [1] })).toBeUndefined();
  });

  it("formatNumber writes short, exact-enough numbers", () => {
    expect([0.0001, 0.00025, 123456, 0.1234567, NaN, -Infinity, undefined].map((v) => formatNumber(v))).toEqual(["1e-4", "2.5e-4", "1.235e5", "0.1235", "NaN", "−∞", "–"]);
  });

  it("formatPercent writes a fraction with two decimals, non-finite and missing values as formatNumber does", () => {
    expect([0.975, 1, 0.98374, NaN, undefined].map((v) => formatPercent(v))).toEqual(["97.50%", "100.00%", "98.37%", "NaN", "–"]);
  });

  it("isolines traces a circle's level set through every cell it crosses", () => {
    const n = 21;
    const g = Array.from({ length: n * n }, (_, i) => Math.hypot((i % n) - 10, Math.floor(i / n) - 10));
    const radii: number[] = [];
    isolines(g, n, 5, (x1, y1, x2, y2) => radii.push(Math.hypot(x1 - 10, y1 - 10), Math.hypot(x2 - 10, y2 - 10)));
    expect(radii.length).toBeGreaterThan(40);
    for (const r of radii) expect(r).toBeCloseTo(5, 0);
  });
});
