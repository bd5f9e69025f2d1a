/**
 * Line and scatter charts on uPlot (fast enough to redraw 100,000-point curves on every live
 * update). Values a log axis cannot show (≤ 0, NaN, ±∞) and non-finite values on a linear axis
 * become gaps. Magnitudes are clamped to at most 1e30, and on a log axis to at least 1e-20: uPlot
 * 1.6's tick steps span 1e-32 … 1e32, and its log-axis ticks below about 1e-25 (a converged
 * float32 loss gap reaches 1e-23) loop until the array overflows. The chart's element carries `data-points` (finite points drawn), `data-updates`
 * (how many times its data changed), `data-log-y` and `data-x` (its x axis label), which the browser tests read.
 */
import uPlot from "uplot";
import { h } from "./dom.js";
import { formatNumber } from "./format.js";

const MIN_MAGNITUDE = 1e-20;
const MAX_MAGNITUDE = 1e30;

export interface SeriesSpec {
  label: string;
  color: string;
  width?: number;
  dash?: number[];
  /** Points only, no line (a scatter plot). */
  scatter?: boolean;
  /** Points at each value, on the line. */
  points?: boolean;
  /** Draw the line across x values this series has no value at (series sampled at their own x, overlaid on a shared one). */
  spanGaps?: boolean;
}

/** A labelled vertical rule, e.g. a suggested η or the stability edge 2/λ_max. */
export interface Mark {
  x: number;
  label: string;
  color: string;
}

export interface ChartSpec {
  /** The id of the chart's element (the tests find charts by it). */
  id?: string;
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  /** Ticks on the x axis only at whole numbers (epochs). */
  integerX?: boolean;
  series: SeriesSpec[];
  height?: number;
  legend?: boolean;
  marks?: Mark[];
  /** Values are fractions shown as percentages (accuracy): ticks and readouts as 97.5%. */
  percentY?: boolean;
  /** Fixes the y axis to this range instead of fitting it to the data. */
  yRange?: [number, number];
  /** Charts with the same key share their cursor and drag-zoom, matched by x value (one run's step charts). */
  syncKey?: string;
}

export class Chart {
  readonly element: HTMLElement;
  private readonly plot: uPlot;
  private marks: Mark[];
  private updates = 0;
  private readonly resize: ResizeObserver;

  constructor(
    parent: HTMLElement,
    private readonly spec: ChartSpec,
  ) {
    const body = h("div", { class: "chart-body" });
    this.element = h("figure", { id: spec.id, class: "chart", "data-points": 0, "data-updates": 0, "data-log-y": Boolean(spec.logY).toString(), "data-x": spec.xLabel }, h("figcaption", null, spec.title), body);
    parent.append(this.element);
    this.marks = spec.marks ?? [];
    const show = (v: number | null | undefined, digits?: number) => (spec.percentY && typeof v === "number" ? `${formatNumber(100 * v, digits ?? 4)}%` : formatNumber(v ?? undefined, digits));
    const axis = (label: string, integer = false, percent = false): uPlot.Axis => ({
      ...(integer ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : {}),
      label,
      stroke: "#444",
      grid: { stroke: "#eee", width: 1 },
      ticks: { stroke: "#ddd", width: 1 },
      values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? "" : percent ? show(v, 3) : formatNumber(v, 3))),
      size: 52,
    });
    this.plot = new uPlot(
      {
        width: Math.max(body.clientWidth, 240),
        height: spec.height ?? 220,
        legend: { show: spec.legend ?? true },
        cursor: { drag: { x: true, y: false }, ...(spec.syncKey ? { sync: { key: spec.syncKey, setSeries: false } } : {}) },
        scales: {
          x: { time: false, ...(spec.logX ? { distr: 3, log: 10 } : {}) },
          y: { ...(spec.logY ? { distr: 3, log: 10 } : {}), ...(spec.yRange ? { range: () => spec.yRange! } : {}) },
        },
        axes: [axis(spec.xLabel, spec.integerX), axis(spec.yLabel, false, spec.percentY)],
        series: [
          { label: spec.xLabel, value: (_u, v) => formatNumber(v ?? undefined) },
          ...spec.series.map(
            (s): uPlot.Series => ({
              label: s.label,
              stroke: s.color,
              width: s.width ?? 1.5,
              ...(s.dash ? { dash: s.dash } : {}),
              ...(s.scatter ? { paths: () => null, points: { show: true, size: 8, fill: s.color, stroke: s.color } } : { points: { show: s.points ?? false, size: 5, fill: s.color } }),
              spanGaps: s.spanGaps ?? false,
              value: (_u, v) => show(v),
            }),
          ),
        ],
        hooks: { draw: [(u) => this.drawMarks(u)] },
      },
      [[], ...spec.series.map(() => [])],
      body,
    );
    this.resize = new ResizeObserver(() => this.plot.setSize({ width: Math.max(body.clientWidth, 240), height: spec.height ?? 220 }));
    this.resize.observe(body);
  }

  /** Stops the chart: its plot, its resize observer and its element. */
  destroy(): void {
    this.resize.disconnect();
    this.plot.destroy();
    this.element.remove();
  }

  /** Replaces the data: `x` ascending, one array of `ys` per series. */
  setData(x: readonly number[], ys: readonly (readonly number[])[]): void {
    const xs = x.map((v) => this.clean(v, this.spec.logX));
    const columns = ys.map((column) => column.map((v) => this.clean(v, this.spec.logY)));
    this.plot.setData([xs as number[], ...columns]);
    const points = columns.reduce((n, column) => n + column.filter((v, i) => v !== null && xs[i] !== null).length, 0);
    this.element.dataset.points = String(points);
    this.element.dataset.updates = String(++this.updates);
  }

  setMarks(marks: Mark[]): void {
    this.marks = marks;
    this.plot.redraw(false);
  }

  private clean(value: number, log: boolean | undefined): number | null {
    if (!Number.isFinite(value) || (log && value <= 0)) return null;
    const magnitude = Math.min(Math.max(Math.abs(value), log ? MIN_MAGNITUDE : 0), MAX_MAGNITUDE);
    return Math.sign(value) * magnitude;
  }

  private drawMarks(u: uPlot): void {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    this.marks.forEach((mark, i) => {
      if (this.spec.logX && !(mark.x > 0)) return;
      const x = u.valToPos(mark.x, "x", true);
      if (!(x >= bbox.left && x <= bbox.left + bbox.width)) return;
      ctx.strokeStyle = mark.color;
      ctx.fillStyle = mark.color;
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bbox.top + bbox.height);
      ctx.stroke();
      ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
      const width = ctx.measureText(mark.label).width;
      const right = x + 4 * devicePixelRatio + width > bbox.left + bbox.width;
      ctx.fillText(mark.label, right ? x - width - 4 * devicePixelRatio : x + 4 * devicePixelRatio, bbox.top + (14 + 14 * i) * devicePixelRatio);
    });
    ctx.restore();
  }
}
