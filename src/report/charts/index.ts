/**
 * Charts of training runs as Vega-Lite specs built from plain data (pure and browser-safe, so a
 * dashboard can embed the same specs), `smoothEma` for the smoothed curves, and `renderSvg` to
 * draw a spec headless with Vega. PNG output needs Node: `src/report/charts/node/index.ts`.
 */
export type { ChartSpec, ChartOptions } from "./frame.js";
export { continuousAxis, lineLegend } from "./frame.js";
export { lossChart, type LossChartInput, type LossSeries, type StepMarker } from "./loss-chart.js";
export { lrChart, type LrChartInput, type LrSeries } from "./lr-chart.js";
export { rangeTestChart, type RangeTestChartInput } from "./range-test-chart.js";
export { sweepChart, type SweepChartInput, type SweepTrial } from "./sweep-chart.js";
export { learningCurves, type LearningCurvesInput, type LearningCurve } from "./learning-curves.js";
export { smallMultiples, type SmallMultiplesInput, type RunLoss } from "./small-multiples.js";
export { renderSvg } from "./render-svg.js";
export { suggestionColors, suggestionColor, otherSuggestionColor } from "./suggestion-colors.js";
export { runBars, type RunBarsInput } from "./run-bars.js";
export { runPalette, runColorScale } from "./run-colors.js";
