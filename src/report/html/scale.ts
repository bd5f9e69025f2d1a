/**
 * Whether a curve is better read on a log axis: its finite values are all positive and span at
 * least two decades (max/min ≥ 100). A curve with a finite value ≤ 0 stays linear, since a log
 * axis would silently drop that point.
 */
export function spansDecades(values: readonly number[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v <= 0) return false;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return max / min >= 100;
}
