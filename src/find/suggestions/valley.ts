/**
 * fastai's `valley` (its default `lr_find` suggestion since 2.4): η from the longest valley of
 * the loss curve.
 *
 * 1. d_i, the length of the longest strictly decreasing subsequence of losses ending at point i:
 *    d_i = 1 + max{ d_j : j < i, L_j > L_i } (1 when no earlier loss is higher); O(n²).
 * 2. The valley ends at e, the first point with the largest d; L = d_e. As fastai does, its start is
 *    taken as s = e − L (reading the subsequence as if it were contiguous).
 * 3. The suggestion is η at s + ⌊L/3⌋ + ⌊L/6⌋ (fastai: sections = L/3, s + int(sections) +
 *    int(sections/2)). That is about halfway along the valley, where a smoothed range-test curve
 *    usually falls fastest; it is often described as "two thirds", but this is the formula fastai runs.
 *
 * fastai returns a point for any curve; with L < 3 its index lands before the valley (or wraps to
 * the last point), so here a valley shorter than 3 points gives no suggestion.
 */
import { noSuggestion, type Curve, type Suggestion } from "./types.js";

export function valley({ lrs, losses }: Curve): Suggestion {
  const n = losses.length;
  const lengths = new Array<number>(n).fill(1);
  let end = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i]! < losses[j]! && lengths[j]! + 1 > lengths[i]!) lengths[i] = lengths[j]! + 1;
    }
    if (lengths[i]! > lengths[end]!) end = i;
  }
  const length = lengths[end] ?? 0;
  if (length < 3) return noSuggestion(`the loss never falls over 3 or more points (longest decreasing run: ${length} of ${n})`);
  const sections = length / 3;
  const index = end - length + Math.trunc(sections) + Math.trunc(sections / 2);
  return { lr: lrs[index]!, index };
}
