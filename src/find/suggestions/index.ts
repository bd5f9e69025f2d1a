/**
 * Suggested learning rates from a range-test curve. fastai's four rules (`valley`, `slide`,
 * `minimum`, `steep`) read the curve as `lr_find` hands it to them: points ⌊numIter/10⌋ … n − 6
 * (the first tenth of the planned steps and the last five points dropped), cut at the first
 * non-finite loss. Lightning's `steepest_raw` applies its own skips to the whole curve. Every
 * index returned refers to the whole curve.
 */
import { minimum } from "./minimum.js";
import { slide } from "./slide.js";
import { steep } from "./steep.js";
import { steepestRaw } from "./steepest-raw.js";
import { noSuggestion, type Curve, type Suggestion } from "./types.js";
import { valley } from "./valley.js";

export { valley, slide, minimum, steep, steepestRaw };
export { noSuggestion, unusableReason, type Curve, type Suggestion } from "./types.js";
export type { SlideOptions } from "./slide.js";

export const suggestionNames = ["valley", "slide", "minimum", "steep", "steepest_raw"] as const;
export type SuggestionName = (typeof suggestionNames)[number];
export type Suggestions = Record<SuggestionName, Suggestion>;

/** The part of the curve fastai's rules read, and where it starts in the whole curve. */
export function fastaiWindow(curve: Curve, numIter: number): { curve: Curve; offset: number } {
  const offset = Math.floor(numIter / 10);
  const last = curve.losses.length - 5;
  let end = offset;
  while (end < last && Number.isFinite(curve.losses[end])) end++;
  return { curve: { lrs: curve.lrs.slice(offset, end), losses: curve.losses.slice(offset, end) }, offset };
}

export function suggestLrs(curve: Curve, numIter: number): Suggestions {
  const window = fastaiWindow(curve, numIter);
  const n = window.curve.losses.length;
  const where = n === 0 ? "no points" : `points ${window.offset}…${window.offset + n - 1}`;
  const shift = (s: Suggestion): Suggestion =>
    s.lr === undefined ? noSuggestion(`${s.reason}; fastai's rules read ${where} of ${curve.losses.length}`) : { lr: s.lr, index: s.index + window.offset };
  return {
    valley: shift(valley(window.curve)),
    slide: shift(slide(window.curve)),
    minimum: shift(minimum(window.curve)),
    steep: shift(steep(window.curve)),
    steepest_raw: steepestRaw(curve),
  };
}
