/**
 * A plain line chart of named series (y against x), for the report's curves that the chart
 * module has no dedicated chart for: the gradient norm against step and per-epoch metrics. One
 * colour per series; with `smoothing` β > 0 each raw series is drawn faint under its debiased EMA
 * (`smoothEma`), as the loss chart does. Points with a non-finite coordinate (or y ≤ 0 on a log
 * axis) are dropped; a series left with one point is a dot. `percentY` labels fractions as percentages.
 * The y axis and the legend are the chart module's (`continuousAxis`, `lineLegend`: its log labels, uncut titles and labels).
 */
import { smoothEma } from "../../curves/index.js";
import { continuousAxis, lineLegend, type ChartSpec } from "../charts/index.js";

export interface LineSeries {
  name: string;
  x: readonly number[];
  y: readonly number[];
}

export interface LineChartInput {
  series: readonly LineSeries[];
  xTitle: string;
  yTitle: string;
  legendTitle: string;
  logY?: boolean;
  /** y values are fractions (accuracy), labelled as percentages. */
  percentY?: boolean;
  smoothing?: number;
  title?: string;
  width?: number;
  height?: number;
}

export function lineChart(input: LineChartInput): ChartSpec {
  const { series, logY = false, smoothing = 0 } = input;
  const rows = series.flatMap((s) => {
    const points = s.x.flatMap((x, i) => {
      const y = s.y[i]!;
      return Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0) ? [{ x, y }] : [];
    });
    const smoothed = smoothEma(points.map((p) => p.y), smoothing);
    return points.map((p, k) => ({ series: s.name, x: p.x, y: p.y, smoothed: smoothed[k]!, alone: points.length === 1 }));
  });
  const size = {
    ...(input.title === undefined ? {} : { title: input.title }),
    width: input.width ?? 480,
    height: input.height ?? 220,
    background: "white",
  };
  if (rows.length === 0) {
    return {
      ...size,
      data: { values: [{ note: `no finite ${input.yTitle} values to plot` }] },
      mark: { type: "text", fontSize: 14, color: "#666" },
      encoding: { text: { field: "note", type: "nominal" }, x: { value: size.width / 2 }, y: { value: size.height / 2 } },
    };
  }
  const x = { field: "x", type: "quantitative" as const, axis: { title: input.xTitle, tickMinStep: 1 } };
  const { scale, axis } = continuousAxis(input.yTitle, logY, rows.map((r) => r.y));
  const y = { type: "quantitative" as const, scale, axis: { ...axis, ...(input.percentY && !logY ? { format: ".1%" } : {}) } };
  const color = {
    field: "series",
    type: "nominal" as const,
    scale: { domain: series.map((s) => s.name) },
    legend: { title: input.legendTitle, ...lineLegend },
  };
  const curve = smoothing > 0 ? "smoothed" : "y";
  return {
    ...size,
    data: { values: rows },
    layer: [
      ...(smoothing > 0 ? [{ mark: { type: "line" as const, strokeWidth: 1, opacity: 0.25 }, encoding: { x, y: { ...y, field: "y" }, color } }] : []),
      { mark: { type: "line", strokeWidth: 2 }, encoding: { x, y: { ...y, field: curve }, color } },
      { transform: [{ filter: "datum.alone" }], mark: { type: "point", filled: true, size: 40 }, encoding: { x, y: { ...y, field: curve }, color } },
    ],
  };
}
