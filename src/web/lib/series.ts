/** Preparing curves for the charts: smoothing noisy losses, and putting series with different x on one axis. */
import { smoothEma } from "../../curves/index.js";

/**
 * The debiased EMA (`smoothEma`) of the finite values, put back at their positions (NaN
 * elsewhere), with the given β, by default `autoSmoothing`'s.
 */
export function smoothFinite(values: readonly number[], beta?: number): number[] {
  const finite = values.filter(Number.isFinite);
  const ema = smoothEma(finite, beta ?? autoSmoothing(finite.length));
  let j = 0;
  return values.map((v) => (Number.isFinite(v) ? ema[j++]! : NaN));
}

/** β = 1 − 20/n (at most 0.99) for n points: the average spans about a twentieth of the curve. */
export function autoSmoothing(n: number): number {
  return Math.min(0.99, 1 - 20 / Math.max(n, 20));
}

/** Series over different x values on one x axis (uPlot's aligned data): the sorted union of the x, NaN gaps elsewhere. */
export function alignSeries(series: readonly { x: readonly number[]; y: readonly number[] }[]): { x: number[]; ys: number[][] } {
  const x = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const index = new Map(x.map((v, i) => [v, i]));
  const ys = series.map((s) => {
    const column = new Array<number>(x.length).fill(NaN);
    s.x.forEach((v, i) => (column[index.get(v)!] = s.y[i]!));
    return column;
  });
  return { x, ys };
}
