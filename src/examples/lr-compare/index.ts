/**
 * The lr-compare example: the seed CNN trained on MNIST with SGD at several η for the same short
 * budget, as a table (final loss, test accuracy) and a loss-against-step chart with one line per η.
 */
export { runLrCompare, type LrCompareOptions, type LrCompareResult, type LrCompareRun, type LrCompareProgress } from "./run.js";
export { formatLrCompare } from "./format.js";
export { lrCompareChart, writeLrCompareChart } from "./chart.js";
