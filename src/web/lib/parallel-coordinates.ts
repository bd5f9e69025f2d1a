/**
 * A parallel-coordinates plot (Inselberg 1985) in SVG: one vertical axis per swept parameter and
 * one for the metric, one polyline per trial, coloured from light (worst) to dark (best metric).
 * Numeric axes are logarithmic when all values are positive and span more than a factor of 20
 * (learning rates, weight decays); strings and booleans get evenly spaced categories.
 */
import { h, svg } from "./dom.js";
import { formatNumber } from "./format.js";

export interface PcAxis {
  label: string;
  values: readonly unknown[];
}

export interface PcLine {
  /** 0 = worst, 1 = best; NaN for a trial without the metric. */
  quality: number;
  dashed: boolean;
  title: string;
}

const WIDTH = 900;
const HEIGHT = 300;
const PAD = { top: 28, bottom: 30, side: 60 };

type Scale = { position(value: unknown): number | undefined; ticks: { at: number; label: string }[] };

function scaleOf(values: readonly unknown[]): Scale {
  const span = HEIGHT - PAD.top - PAD.bottom;
  const y = (t: number) => PAD.top + (1 - t) * span;
  const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (numbers.length > 0 && numbers.length === values.filter((v) => v !== undefined && v !== null).length) {
    const min = Math.min(...numbers);
    const max = Math.max(...numbers);
    const log = min > 0 && max / min > 20;
    const f = log ? Math.log10 : (v: number) => v;
    const t = (v: number) => (max === min ? 0.5 : (f(v) - f(min)) / (f(max) - f(min)));
    const ticks = (max === min ? [min] : [min, log ? Math.sqrt(min * max) : (min + max) / 2, max]).map((v) => ({ at: y(t(v)), label: formatNumber(v, 3) }));
    return { position: (v) => (typeof v === "number" && Number.isFinite(v) ? y(t(v)) : undefined), ticks };
  }
  const categories = [...new Set(values.filter((v) => v !== undefined).map((v) => JSON.stringify(v)))].sort();
  const t = (i: number) => (categories.length === 1 ? 0.5 : i / (categories.length - 1));
  return {
    position: (v) => {
      const i = categories.indexOf(JSON.stringify(v));
      return i < 0 ? undefined : y(t(i));
    },
    ticks: categories.map((c, i) => ({ at: y(t(i)), label: c.replace(/^"|"$/g, "") })),
  };
}

/** Light blue (worst) to dark blue (best). */
function color(quality: number): string {
  if (!Number.isFinite(quality)) return "#bbb";
  const mix = (a: number, b: number) => Math.round(a + (b - a) * quality);
  return `rgb(${mix(198, 8)}, ${mix(219, 48)}, ${mix(239, 107)})`;
}

export function parallelCoordinates(axes: readonly PcAxis[], lines: readonly PcLine[]): HTMLElement {
  const x = (i: number) => (axes.length === 1 ? WIDTH / 2 : PAD.side + (i * (WIDTH - 2 * PAD.side)) / (axes.length - 1));
  const scales = axes.map((a) => scaleOf(a.values));
  const order = lines.map((_, i) => i).sort((a, b) => (lines[a]!.quality || 0) - (lines[b]!.quality || 0));
  const paths = order.map((t) => {
    const line = lines[t]!;
    let d = "";
    let pen = false;
    axes.forEach((axis, i) => {
      const y = scales[i]!.position(axis.values[t]);
      if (y === undefined) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y.toFixed(1)}`;
      pen = true;
    });
    return svg("path", { d, fill: "none", stroke: color(line.quality), "stroke-width": 2, "stroke-dasharray": line.dashed ? "6 4" : undefined, "data-trial": t }, svg("title", null, line.title));
  });
  const axisMarks = axes.map((axis, i) =>
    svg(
      "g",
      null,
      svg("line", { x1: x(i), x2: x(i), y1: PAD.top, y2: HEIGHT - PAD.bottom, stroke: "#555" }),
      svg("text", { x: x(i), y: PAD.top - 12, "text-anchor": "middle", class: "pc-label" }, axis.label),
      ...scales[i]!.ticks.map((tick) => svg("text", { x: x(i) - 5, y: tick.at + 4, "text-anchor": "end", class: "pc-tick" }, tick.label)),
    ),
  );
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "parallel coordinates of the swept values" }, ...paths, ...axisMarks);
  return h("figure", { class: "chart parallel", "data-lines": lines.length }, h("figcaption", null, "parallel coordinates (darker = better; dashed = stopped early)"), chart);
}
