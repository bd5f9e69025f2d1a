/**
 * The learning rate η against step for one or more schedules, one colour each. η is drawn as a
 * staircase (`step-after`): the rate read at step t is in force until step t + 1, so StepLR's drops
 * appear as drops, not slopes. Non-finite rates (and rates ≤ 0 with `logY`) are dropped; a
 * schedule left with one point is a dot; with no points at all the chart shows a note.
 */
import { continuousAxis, emptyChart, frame, lineLegend, type ChartOptions, type ChartSpec } from "./frame.js";
import { runColorScale } from "./run-colors.js";
import { checkUniqueNames, plottable } from "./points.js";

export interface LrSeries {
  name: string;
  steps: readonly number[];
  lr: readonly number[];
}

export interface LrChartInput extends ChartOptions {
  series: readonly LrSeries[];
  logY?: boolean;
}

export function lrChart(input: LrChartInput): ChartSpec {
  const { series, logY = false } = input;
  const names = series.map((s) => s.name);
  checkUniqueNames(names, "lrChart.series");
  const rows = series.flatMap((s, i) => {
    const points = plottable(s.steps, s.lr, { where: `lrChart.series[${i}]`, x: "steps", y: "lr" }, { logY });
    return points.map((p) => ({ schedule: s.name, step: p.x, lr: p.y, alone: points.length === 1 }));
  });
  if (rows.length === 0) {
    return emptyChart(series.length === 0 ? "no schedules to plot" : `no ${logY ? "positive " : ""}finite learning rates to plot`, input);
  }
  const encoding = {
    x: { field: "step", type: "quantitative" as const, axis: { title: "step" } },
    y: { field: "lr", type: "quantitative" as const, ...continuousAxis("learning rate η", logY, rows.map((r) => r.lr)) },
    color: { field: "schedule", type: "nominal" as const, scale: runColorScale(names), legend: { title: "schedule", ...lineLegend } },
  };
  return {
    ...frame(input),
    data: { values: rows },
    layer: [
      { mark: { type: "line", interpolate: "step-after", strokeWidth: 2 }, encoding },
      { transform: [{ filter: "datum.alone" }], mark: { type: "point", filled: true, size: 40 }, encoding },
    ],
  };
}
