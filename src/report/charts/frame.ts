/**
 * What every chart shares: the options a caller may set, the top-level frame (schema, size,
 * title, white background), the empty chart that stands in when nothing can be plotted, how
 * numbers are printed in labels, and the scale/axis of a linear or log axis.
 */
import type { TopLevelSpec } from "vega-lite";

/** A Vega-Lite spec: plain JSON, renderable by `renderSvg`/`renderPng` or embedded in a page. */
export type ChartSpec = TopLevelSpec;

export interface ChartOptions {
  title?: string;
  /** Width of the plotting area in pixels (axes and legend come on top). */
  width?: number;
  /** Height of the plotting area in pixels. */
  height?: number;
}

const defaultSize = { width: 560, height: 320 };

export const schemaUrl = "https://vega.github.io/schema/vega-lite/v6.json";

/** The top-level keys of a single-view chart. */
export function frame(options: ChartOptions) {
  return {
    $schema: schemaUrl,
    ...(options.title === undefined ? {} : { title: options.title }),
    width: options.width ?? defaultSize.width,
    height: options.height ?? defaultSize.height,
    background: "white",
  };
}

/**
 * The chart drawn when no data point survives (no series, or only NaN/±Inf, or only values ≤ 0 on a
 * log axis): the frame with `note` in its middle, so a report of a run that diverged at once still
 * renders instead of failing.
 */
export function emptyChart(note: string, options: ChartOptions): ChartSpec {
  const { width, height, ...top } = frame(options);
  return {
    ...top,
    width,
    height,
    data: { values: [{ note }] },
    mark: { type: "text", fontSize: 14, color: "#666" },
    encoding: {
      text: { field: "note", type: "nominal" },
      x: { value: width / 2 },
      y: { value: height / 2 },
    },
  };
}

/** Legend entries drawn as short solid strokes, matching line charts (not the faint dots of their point layers), with room for whole run names. */
export const lineLegend = { symbolType: "stroke", symbolStrokeWidth: 2, symbolOpacity: 1, labelLimit: 360 } as const;

/**
 * A number as a short label, three significant digits without trailing zeros, written like the
 * log-axis labels: 3.16e-4 below 0.001 and from 10⁴ up, else a decimal (0.00123, 0.5, 250).
 */
export function formatNumber(x: number): string {
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e4)) {
    return x.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e");
  }
  return String(Number(x.toPrecision(3)));
}

/**
 * Log-axis tick labels: Vega's own choice of which ticks to label (an empty label stays empty),
 * printed as 1e-5 below 0.001 and from 10⁴ up, else as a short decimal (0.003, 0.1, 20).
 */
const logLabel =
  "datum.label === '' ? '' : (datum.value < 1e-3 || datum.value >= 1e4 ? format(datum.value, '.0e') : format(datum.value, '~g'))";

/** Axis titles are cut only past this many pixels: Vega's default cuts them at the axis's length, so a short y axis lost "(log scale)". */
const titleLimit = 600;

/**
 * The `scale` and `axis` of a continuous axis showing `values`. A linear axis is not forced to
 * include 0; where the values are all equal (to 1e-9 relative), Vega's ticks would print that one
 * value to many digits, so the axis spans ±10% around it instead (±1 around 0). A log axis widens
 * such a range to whole decades by itself.
 */
export function continuousAxis(title: string, log: boolean, values: readonly number[] = []) {
  if (log) return { scale: { type: "log" as const }, axis: { title: `${title} (log scale)`, titleLimit, labelExpr: logLabel } };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const flat = values.length > 0 && max - min <= 1e-9 * Math.max(Math.abs(min), Math.abs(max));
  const pad = Math.abs(max) * 0.1 || 1;
  return { scale: flat ? { zero: false, domain: [min - pad, max + pad] } : { zero: false }, axis: { title, titleLimit } };
}
