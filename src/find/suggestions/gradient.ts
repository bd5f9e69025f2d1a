/**
 * numpy's `np.gradient(f)` with unit spacing (edge_order 1), which fastai's `slide` and
 * Lightning's `suggestion` use: central differences inside, one-sided ones at the ends,
 *
 *     g_0 = f_1 − f_0,   g_i = (f_{i+1} − f_{i−1}) / 2,   g_{n−1} = f_{n−1} − f_{n−2}.
 *
 * Needs n ≥ 2.
 */
export function gradient(f: readonly number[]): number[] {
  const n = f.length;
  return f.map((_, i) => (i === 0 ? f[1]! - f[0]! : i === n - 1 ? f[i]! - f[i - 1]! : (f[i + 1]! - f[i - 1]!) / 2));
}

/** Index of the first smallest value. */
export function argmin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[best]!) best = i;
  return best;
}
