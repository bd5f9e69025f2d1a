/**
 * fastai's `steep`: η where the loss falls fastest against log η, using forward differences
 *
 *     s_i = (L_{i+1} − L_i) / (ln η_{i+1} − ln η_i),   i = 0 … n − 2,
 *
 * and the η at the left end of the steepest segment, η_{argmin s}. Needs 2 points. fastai returns
 * that η even when no slope is negative; here a curve that never falls gives no suggestion.
 */
import { argmin } from "./gradient.js";
import { noSuggestion, type Curve, type Suggestion } from "./types.js";

export function steep({ lrs, losses }: Curve): Suggestion {
  const n = losses.length;
  if (n < 2) return noSuggestion(`needs at least 2 points; got ${n}`);
  const slopes = losses.slice(1).map((l, i) => (l - losses[i]!) / (Math.log(lrs[i + 1]!) - Math.log(lrs[i]!)));
  const index = argmin(slopes);
  if (!(slopes[index]! < 0)) return noSuggestion("the loss never falls");
  return { lr: lrs[index]!, index };
}
