/** The edge of stability: full-batch GD's sharpness rises (or falls) to 2/η and stays there. */
export { runEdgeOfStability, type EdgeOfStabilityOptions, type EdgeOfStabilityResult, type EdgeOfStabilityRun } from "./run.js";
export { formatEdgeOfStability } from "./format.js";
export { edgeOfStabilityChart, writeEdgeOfStabilityChart } from "./chart.js";
