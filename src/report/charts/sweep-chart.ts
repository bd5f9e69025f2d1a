/**
 * A learning-rate sweep at a glance: each trial's final metric (loss, accuracy, …) against its η,
 * on a log axis by default. Trials that ran to the end are filled dots, trials stopped early
 * (successive halving, ASHA, early stopping) hollow squares, so a reader can tell "bad η" from
 * "not given the budget". A trial's optional label is written beside it. Trials whose η or
 * value cannot be placed (NaN/±Inf, or η ≤ 0 on the log axis) are dropped; with none left the
 * chart shows a note.
 */
import { continuousAxis, emptyChart, frame, type ChartOptions, type ChartSpec } from "./frame.js";
import { onAxis } from "./points.js";

export interface SweepTrial {
  lr: number;
  value: number;
  label?: string;
  stoppedEarly?: boolean;
}

export interface SweepChartInput extends ChartOptions {
  trials: readonly SweepTrial[];
  /** What `value` is, in the user's words: the y axis title, e.g. "final loss" or "val accuracy". */
  metric: string;
  logX?: boolean;
}

const completed = "ran to the end";
const stopped = "stopped early";
const pointPadding = 12;

export function sweepChart(input: SweepChartInput): ChartSpec {
  const { trials, metric, logX = true } = input;
  const rows = trials
    .filter((t) => onAxis(t.lr, logX) && Number.isFinite(t.value))
    .map((t) => ({ lr: t.lr, value: t.value, label: t.label ?? "", status: t.stoppedEarly ? stopped : completed }));
  if (rows.length === 0) return emptyChart(trials.length === 0 ? "no trials to plot" : "no trial has a finite value to plot", input);
  const xAxis = continuousAxis("learning rate η", logX, rows.map((r) => r.lr));
  const yAxis = continuousAxis(metric, false, rows.map((r) => r.value));
  // Pad the domains so trials at the extremes are drawn whole, not cut in half by the frame.
  const x = { field: "lr", type: "quantitative" as const, ...xAxis, scale: { ...xAxis.scale, padding: pointPadding } };
  const y = { field: "value", type: "quantitative" as const, ...yAxis, scale: { ...yAxis.scale, padding: pointPadding } };
  const status = { field: "status", type: "nominal" as const, scale: { domain: [completed, stopped] }, legend: { title: "trial" } };
  return {
    ...frame(input),
    data: { values: rows },
    layer: [
      {
        mark: { type: "point", size: 70, strokeWidth: 2 },
        encoding: {
          x,
          y,
          shape: { ...status, scale: { ...status.scale, range: ["circle", "square"] } },
          color: { ...status, scale: { ...status.scale, range: ["#4c78a8", "#e45756"] } },
          fill: { ...status, scale: { ...status.scale, range: ["#4c78a8", "transparent"] } },
        },
      },
      {
        transform: [{ filter: "datum.label !== ''" }],
        mark: { type: "text", align: "left", baseline: "middle", dx: 8, fontSize: 10, color: "#333" },
        encoding: { x, y, text: { field: "label", type: "nominal" } },
      },
    ],
  };
}
