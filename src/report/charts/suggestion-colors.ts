/**
 * One colour per range-test rule, shared by the report's range-test chart and the dashboard's, so
 * a rule reads the same everywhere. The recommended η* (`log/`'s `recommendedRule`) is drawn in
 * its rule's colour, bold. A rule not listed here (a stored summary from another lrkit) is grey.
 */
export const suggestionColors: Readonly<Record<string, string>> = {
  valley: "#1f77b4",
  slide: "#ff7f0e",
  minimum: "#d62728",
  steep: "#2ca02c",
  steepest_raw: "#9467bd",
};

export const otherSuggestionColor = "#7f7f7f";

export function suggestionColor(rule: string): string {
  return suggestionColors[rule] ?? otherSuggestionColor;
}
