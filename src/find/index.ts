/**
 * Choosing η before training: Smith's LR range test (η swept upwards over a short run while the
 * smoothed loss is recorded) and the rules that read a learning rate off its curve — fastai's
 * `valley`, `slide`, `minimum` and `steep`, and Lightning's steepest gradient.
 */
export { lrRangeTest, type RangeTestOptions, type RangeTestPoint, type RangeTestResult } from "./range-test.js";
export { rangeTestSettings, defaultSettings, minIterations, type RangeTestSettings, type SettingNames } from "./settings.js";
export { lrSequence, lrModes, type LrMode } from "./lr-sequence.js";
export type { RangeTestStop } from "./loss-monitor.js";
export { applySuggestion, applyModes, type ApplyMode } from "./apply-suggestion.js";
export {
  suggestLrs,
  fastaiWindow,
  suggestionNames,
  valley,
  slide,
  minimum,
  steep,
  steepestRaw,
  unusableReason,
  type Curve,
  type Suggestion,
  type SuggestionName,
  type Suggestions,
  type SlideOptions,
} from "./suggestions/index.js";
