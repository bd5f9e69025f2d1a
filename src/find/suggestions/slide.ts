/**
 * fastai's `slide` ("interval slide rule"): walk a window of `lrDiff` points from the end of the
 * curve towards its start, and stop where the loss gradient at the window's two ends agrees.
 *
 *     g = np.gradient(losses)                       (unit spacing, see gradient.ts)
 *     r = n − 1, l = r − lrDiff, pick = l
 *     while l ≥ 0 and |g_r − g_l| > thresh:  pick = l;  r −= 1;  l −= 1
 *     suggestion = η_pick · adjustValue
 *
 * Defaults as fastai: lrDiff 15, thresh 0.005 (an absolute difference in loss per point, so it
 * depends on the loss's scale), adjustValue 1. Needs lrDiff + 1 points (fastai raises an
 * IndexError on fewer).
 */
import { gradient } from "./gradient.js";
import { noSuggestion, type Curve, type Suggestion } from "./types.js";

export interface SlideOptions {
  lrDiff?: number;
  thresh?: number;
  adjustValue?: number;
}

export function slide({ lrs, losses }: Curve, options: SlideOptions = {}): Suggestion {
  const { lrDiff = 15, thresh = 0.005, adjustValue = 1 } = options;
  const n = losses.length;
  if (n < lrDiff + 1) return noSuggestion(`needs at least ${lrDiff + 1} points; got ${n}`);
  const g = gradient(losses);
  let r = n - 1;
  let l = r - lrDiff;
  let pick = l;
  while (l >= 0 && Math.abs(g[r]! - g[l]!) > thresh) {
    pick = l;
    r--;
    l--;
  }
  return { lr: lrs[pick]! * adjustValue, index: pick };
}
