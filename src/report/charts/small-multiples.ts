/**
 * One small loss-vs-step panel per run, laid out `columns` to a row (default up to 3), all
 * panels on the same x and y scales so heights and lengths compare directly. Each panel draws the
 * raw loss faintly under its debiased EMA (`smoothEma`, β = `smoothing`, default 0.98), as
 * `lossChart` does. `width`/`height` size one panel. Non-finite losses (and losses ≤ 0 with
 * `logY`) are dropped; a run left with no points keeps its panel, with a note in it; with no runs
 * at all the chart shows a note.
 */
import { ConfigError } from "../../errors.js";
import { continuousAxis, emptyChart, schemaUrl, type ChartOptions, type ChartSpec } from "./frame.js";
import { checkUniqueNames, plottable } from "./points.js";
import { smoothEma } from "../../curves/index.js";

export interface RunLoss {
  name: string;
  steps: readonly number[];
  loss: readonly number[];
}

export interface SmallMultiplesInput extends ChartOptions {
  runs: readonly RunLoss[];
  columns?: number;
  logY?: boolean;
  smoothing?: number;
}

const panelSize = { width: 200, height: 140 };
const lineColor = "#4c78a8";

export function smallMultiples(input: SmallMultiplesInput): ChartSpec {
  const { runs, logY = false, smoothing = 0.98 } = input;
  const columns = input.columns ?? Math.min(Math.max(runs.length, 1), 3);
  if (!(Number.isInteger(columns) && columns > 0)) {
    throw new ConfigError(`smallMultiples.columns: expected a positive integer; got ${String(columns)}`, "smallMultiples", "columns", columns);
  }
  if (!(smoothing >= 0 && smoothing < 1)) {
    throw new ConfigError(`smallMultiples.smoothing: expected β in [0, 1); got ${String(smoothing)}`, "smallMultiples", "smoothing", smoothing);
  }
  const names = runs.map((r) => r.name);
  checkUniqueNames(names, "smallMultiples.runs");
  const options = { width: input.width ?? panelSize.width, height: input.height ?? panelSize.height, title: input.title };
  if (runs.length === 0) return emptyChart("no runs to plot", options);
  const rows = runs.flatMap((r, i): Record<string, string | number | boolean>[] => {
    const points = plottable(r.steps, r.loss, { where: `smallMultiples.runs[${i}]`, x: "steps", y: "loss" }, { logY });
    if (points.length === 0) return [{ run: r.name, note: `no ${logY ? "positive " : ""}finite loss values` }];
    const smoothed = smoothEma(
      points.map((p) => p.y),
      smoothing,
    );
    return points.map((p, k) => ({ run: r.name, step: p.x, loss: p.y, smoothed: smoothed[k]!, alone: points.length === 1 }));
  });
  const curve = smoothing > 0 ? "smoothed" : "loss";
  const x = { field: "step", type: "quantitative" as const, axis: { title: "step" } };
  const y = { type: "quantitative" as const, ...continuousAxis("loss", logY, rows.flatMap((r) => (typeof r.loss === "number" ? [r.loss] : []))) };
  return {
    $schema: schemaUrl,
    ...(options.title === undefined ? {} : { title: options.title }),
    background: "white",
    data: { values: rows },
    columns,
    facet: { field: "run", type: "nominal", sort: names, header: { title: null, labelFontSize: 12, labelFontWeight: "bold" } },
    spec: {
      width: options.width,
      height: options.height,
      layer: [
        ...(smoothing > 0
          ? [{ mark: { type: "line" as const, strokeWidth: 1, opacity: 0.25, color: lineColor }, encoding: { x, y: { ...y, field: "loss" } } }]
          : []),
        { mark: { type: "line", strokeWidth: 1.5, color: lineColor }, encoding: { x, y: { ...y, field: curve } } },
        { transform: [{ filter: "datum.alone" }], mark: { type: "point", filled: true, size: 30, color: lineColor }, encoding: { x, y: { ...y, field: curve } } },
        {
          transform: [{ filter: "isValid(datum.note)" }],
          mark: { type: "text", color: "#666" },
          encoding: { x: { value: options.width / 2 }, y: { value: options.height / 2 }, text: { field: "note", type: "nominal" } },
        },
      ],
    },
  };
}
