/**
 * The colours of runs, the same in the reports and the dashboard (Tableau 10: distinct and
 * colour-blind friendly): the i-th run of a view gets the i-th colour, so a run listed in the same
 * order keeps its colour in every chart of a report and on the dashboard's pages.
 */
export const runPalette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"] as const;

/** A Vega-Lite colour scale giving `names`, in order, the run palette's colours. */
export function runColorScale(names: readonly string[]) {
  return { domain: [...names], range: names.map((_, i) => runPalette[i % runPalette.length]!) };
}
