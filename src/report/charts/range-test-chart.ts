/**
 * An LR range test (Smith 2017, "Cyclical Learning Rates", §3.3; fastai's `lr_find` plot): loss
 * against η on a log axis, with each suggested η as a coloured vertical rule, a dot where it meets
 * the curve (the recorded η nearest to it in log distance) and its name and value as a label. Each
 * rule keeps its colour (`suggestionColors`); the labels stand one row apart in order of η, so
 * neighbouring suggestions never overprint, and name the rule, so no legend is needed. The
 * `recommended` rule's label reads `η* = …` in bold and its rule is solid.
 * Points with a non-finite loss or an η that is not a positive finite number are dropped, and so
 * are such suggestions; with no points left the chart shows a note.
 */
import { emptyChart, formatNumber, frame, continuousAxis, type ChartOptions, type ChartSpec } from "./frame.js";
import { onAxis, plottable, type Point } from "./points.js";
import { suggestionColor } from "./suggestion-colors.js";

export interface RangeTestChartInput extends ChartOptions {
  lrs: readonly number[];
  losses: readonly number[];
  /** Suggested learning rates by the name of the rule that found them, e.g. `{ steepest: 3e-3 }`. */
  suggestions?: Readonly<Record<string, number>>;
  /** The rule whose η is the recommended η* (`recommendedLr`), marked apart from the others. */
  recommended?: string;
}

const labelRowHeight = 14;

export function rangeTestChart(input: RangeTestChartInput): ChartSpec {
  const points = plottable(input.lrs, input.losses, { where: "rangeTestChart", x: "lrs", y: "losses" }, { logX: true });
  if (points.length === 0) return emptyChart("no finite losses at positive learning rates to plot", input);
  const marks = Object.entries(input.suggestions ?? {})
    .filter(([, lr]) => onAxis(lr, true))
    .sort(([, a], [, b]) => a - b)
    .map(([name, lr], i) => ({
      suggestion: name === input.recommended ? `η* = ${name} = ${formatNumber(lr)}` : `${name} = ${formatNumber(lr)}`,
      lr,
      loss: nearest(points, lr).y,
      labelY: 4 + i * labelRowHeight,
      star: name === input.recommended,
      color: suggestionColor(name),
    }));
  const x = { field: "lr", type: "quantitative" as const, ...continuousAxis("learning rate η", true) };
  const y = { field: "loss", type: "quantitative" as const, ...continuousAxis("loss", false, points.map((p) => p.y)) };
  const color = { field: "color", type: "nominal" as const, scale: null, legend: null };
  const curve = {
    data: { values: points.map((p) => ({ lr: p.x, loss: p.y })) },
    mark: points.length === 1 ? { type: "point" as const, filled: true, size: 40 } : { type: "line" as const, strokeWidth: 2, color: "#4c78a8" },
    encoding: { x, y },
  };
  if (marks.length === 0) return { ...frame(input), layer: [curve] };
  return {
    ...frame(input),
    layer: [
      curve,
      {
        data: { values: marks },
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: { x, color, strokeDash: { condition: { test: "datum.star", value: [1, 0] }, value: [4, 3] }, strokeWidth: { condition: { test: "datum.star", value: 2.5 }, value: 1.5 } },
      },
      { data: { values: marks }, mark: { type: "point", filled: true, size: 60, opacity: 1 }, encoding: { x, y, color } },
      ...(["normal", "bold"] as const).map((fontWeight) => ({
        data: { values: marks },
        transform: [{ filter: fontWeight === "bold" ? "datum.star" : "!datum.star" }],
        mark: { type: "text" as const, align: "left" as const, baseline: "top" as const, dx: 4, fontWeight },
        encoding: { x, y: { field: "labelY", type: "quantitative" as const, scale: null }, text: { field: "suggestion", type: "nominal" as const }, color },
      })),
    ],
  };
}

function nearest(points: readonly Point[], lr: number): Point {
  let best = points[0]!;
  for (const p of points) {
    if (Math.abs(Math.log(p.x / lr)) < Math.abs(Math.log(best.x / lr))) best = p;
  }
  return best;
}
