/**
 * One final value per run as a horizontal bar (e.g. each run's test accuracy), one colour per run
 * in the order given, so the bars match the runs' colours in the loss and η charts. With
 * `percent` the values (fractions) are drawn and labelled as percentages on a 0–100% axis. Runs
 * without a finite value are left out; with none left the chart shows a note.
 */
import { ConfigError } from "../../errors.js";
import { emptyChart, frame, type ChartOptions, type ChartSpec } from "./frame.js";
import { runColorScale } from "./run-colors.js";
import { checkUniqueNames } from "./points.js";

export interface RunBarsInput extends ChartOptions {
  runs: readonly { name: string; value: number | undefined }[];
  /** The axis title, e.g. "test accuracy". */
  metric: string;
  percent?: boolean;
}

const barHeight = 26;

export function runBars(input: RunBarsInput): ChartSpec {
  const names = input.runs.map((r) => r.name);
  checkUniqueNames(names, "runBars.runs");
  const rows = input.runs.flatMap((r) => (r.value !== undefined && Number.isFinite(r.value) ? [{ run: r.name, value: r.value }] : []));
  if (rows.length === 0) return emptyChart(`no finite ${input.metric} to plot`, input);
  if (input.percent && rows.some((r) => r.value < 0 || r.value > 1)) {
    throw new ConfigError(`runBars.runs: percent values must be fractions in [0, 1]; got ${rows.map((r) => r.value).join(", ")}`, "runBars", "runs", rows);
  }
  const format = input.percent ? ".1%" : "~g";
  const x = { field: "value", type: "quantitative" as const, scale: input.percent ? { domain: [0, 1] } : { zero: true }, axis: { title: input.metric, format } };
  const y = { field: "run", type: "nominal" as const, sort: names, axis: { title: null, labelLimit: 400 } };
  const color = { field: "run", type: "nominal" as const, scale: runColorScale(names), legend: null };
  return {
    ...frame(input),
    height: input.height ?? barHeight * names.length,
    data: { values: rows },
    layer: [
      { mark: { type: "bar" }, encoding: { x, y, color } },
      { mark: { type: "text", align: "left", dx: 4 }, encoding: { x, y, text: { field: "value", type: "quantitative", format } } },
    ],
  };
}
