/**
 * Every trial's learning curve (a metric against epoch), one colour per trial. A trial stopped
 * early is dashed and ends in a cross, so pruned trials (successive halving, ASHA, early stopping)
 * stand out from those that ran to the end. The legend lists at most 20 trials (Vega's
 * `symbolLimit`). Non-finite values are dropped; a trial left with one point is a dot; with no
 * points at all the chart shows a note.
 */
import { continuousAxis, emptyChart, frame, lineLegend, type ChartOptions, type ChartSpec } from "./frame.js";
import { runColorScale } from "./run-colors.js";
import { checkUniqueNames, plottable } from "./points.js";

export interface LearningCurve {
  name: string;
  epochs: readonly number[];
  values: readonly number[];
  stoppedEarly?: boolean;
}

export interface LearningCurvesInput extends ChartOptions {
  trials: readonly LearningCurve[];
  /** What the values are, in the user's words: the y axis title, e.g. "val loss". */
  metric: string;
}

const completed = "ran to the end";
const stopped = "stopped early";

export function learningCurves(input: LearningCurvesInput): ChartSpec {
  const { trials, metric } = input;
  const names = trials.map((t) => t.name);
  checkUniqueNames(names, "learningCurves.trials");
  const rows = trials.flatMap((t, i) => {
    const points = plottable(t.epochs, t.values, { where: `learningCurves.trials[${i}]`, x: "epochs", y: "values" });
    return points.map((p, k) => ({
      trial: t.name,
      epoch: p.x,
      value: p.y,
      status: t.stoppedEarly ? stopped : completed,
      alone: points.length === 1,
      stopHere: Boolean(t.stoppedEarly) && k === points.length - 1,
    }));
  });
  if (rows.length === 0) return emptyChart(trials.length === 0 ? "no trials to plot" : `no finite ${metric} values to plot`, input);
  const x = { field: "epoch", type: "quantitative" as const, axis: { title: "epoch", tickMinStep: 1, format: "~g" } };
  const y = { field: "value", type: "quantitative" as const, ...continuousAxis(metric, false, rows.map((r) => r.value)) };
  const color = { field: "trial", type: "nominal" as const, scale: runColorScale(names), legend: { title: "trial", symbolLimit: 20, ...lineLegend } };
  return {
    ...frame(input),
    data: { values: rows },
    layer: [
      {
        mark: { type: "line", strokeWidth: 1.5 },
        encoding: {
          x,
          y,
          color,
          strokeDash: { field: "status", type: "nominal", scale: { domain: [completed, stopped], range: [[1, 0], [5, 3]] }, legend: { title: "trial status" } },
        },
      },
      { transform: [{ filter: "datum.alone && !datum.stopHere" }], mark: { type: "point", filled: true, size: 40 }, encoding: { x, y, color } },
      { transform: [{ filter: "datum.stopHere" }], mark: { type: "point", shape: "cross", filled: true, size: 60 }, encoding: { x, y, color } },
    ],
  };
}
