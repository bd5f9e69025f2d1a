/**
 * Loss against step for one or more runs: each run's raw loss as a faint line under its smoothed
 * curve (`smoothEma`, debiased EMA, β = `smoothing`, default 0.98), one colour per run with a
 * legend, and optional vertical markers (e.g. where a run diverged). NaN/±Inf losses (and
 * losses ≤ 0 with `logY`) are dropped before smoothing, so a diverged run's curve stops where its
 * loss stopped being finite; mark that step with `markers`.
 * A run left with one point is drawn as a dot; with no points at all the chart shows a note.
 */
import { ConfigError } from "../../errors.js";
import { continuousAxis, emptyChart, frame, lineLegend, type ChartOptions, type ChartSpec } from "./frame.js";
import { runColorScale } from "./run-colors.js";
import { checkUniqueNames, plottable } from "./points.js";
import { smoothEma } from "../../curves/index.js";

export interface LossSeries {
  name: string;
  steps: readonly number[];
  loss: readonly number[];
}

export interface StepMarker {
  step: number;
  label: string;
}

export interface LossChartInput extends ChartOptions {
  series: readonly LossSeries[];
  logY?: boolean;
  /** β of the EMA drawn over the raw loss; 0 draws the raw loss alone. Default 0.98. */
  smoothing?: number;
  markers?: readonly StepMarker[];
}

const markerColor = "#d62728";

export function lossChart(input: LossChartInput): ChartSpec {
  const { series, logY = false, smoothing = 0.98, markers = [] } = input;
  if (!(smoothing >= 0 && smoothing < 1)) {
    throw new ConfigError(`lossChart.smoothing: expected β in [0, 1); got ${String(smoothing)}`, "lossChart", "smoothing", smoothing);
  }
  const names = series.map((s) => s.name);
  checkUniqueNames(names, "lossChart.series");
  const rows = series.flatMap((s, i) => {
    const points = plottable(s.steps, s.loss, { where: `lossChart.series[${i}]`, x: "steps", y: "loss" }, { logY });
    const smoothed = smoothEma(
      points.map((p) => p.y),
      smoothing,
    );
    return points.map((p, k) => ({ run: s.name, step: p.x, loss: p.y, smoothed: smoothed[k]!, alone: points.length === 1 }));
  });
  if (rows.length === 0) {
    return emptyChart(series.length === 0 ? "no runs to plot" : `no ${logY ? "positive " : ""}finite loss values to plot`, input);
  }
  const marks = markers.filter((m) => Number.isFinite(m.step));
  const x = { field: "step", type: "quantitative" as const, axis: { title: "step" } };
  const y = { type: "quantitative" as const, ...continuousAxis("loss", logY, rows.map((r) => r.loss)) };
  const color = { field: "run", type: "nominal" as const, scale: runColorScale(names), legend: { title: "run", ...lineLegend } };
  const curve = smoothing > 0 ? "smoothed" : "loss";
  return {
    ...frame(input),
    layer: [
      ...(smoothing > 0
        ? [
            {
              data: { values: rows },
              mark: { type: "line" as const, strokeWidth: 1, opacity: 0.25 },
              encoding: { x, y: { ...y, field: "loss" }, color },
            },
          ]
        : []),
      {
        data: { values: rows },
        mark: { type: "line", strokeWidth: 2 },
        encoding: { x, y: { ...y, field: curve }, color },
      },
      {
        data: { values: rows },
        transform: [{ filter: "datum.alone" }],
        mark: { type: "point", filled: true, size: 40 },
        encoding: { x, y: { ...y, field: curve }, color },
      },
      ...(marks.length > 0
        ? [
            {
              data: { values: marks },
              mark: { type: "rule" as const, color: markerColor, strokeDash: [4, 3] },
              encoding: { x },
            },
            {
              data: { values: marks },
              mark: { type: "text" as const, color: markerColor, align: "left" as const, baseline: "top" as const, dx: 4, dy: 4 },
              encoding: { x, y: { value: 0 }, text: { field: "label", type: "nominal" as const } },
            },
          ]
        : []),
    ],
  };
}
