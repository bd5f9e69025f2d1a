/**
 * fastai's `minimum`: one tenth of the η where the loss is lowest, η_{argmin L} / 10 (the first
 * minimum on ties). The loss bottoms out where η is already about as large as training can take,
 * so a tenth of it leaves a margin. Needs one point.
 */
import { argmin } from "./gradient.js";
import { noSuggestion, type Curve, type Suggestion } from "./types.js";

export function minimum({ lrs, losses }: Curve): Suggestion {
  if (losses.length === 0) return noSuggestion("needs at least 1 point; got 0");
  const index = argmin(losses);
  return { lr: lrs[index]! / 10, index };
}
