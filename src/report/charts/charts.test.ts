import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { ConfigError } from "../../errors.js";
import {
  learningCurves,
  lossChart,
  lrChart,
  rangeTestChart,
  renderSvg,
  runBars,
  smallMultiples,
  suggestionColors,
  sweepChart,
  type ChartSpec,
} from "./index.js";

/** The strings of every `<text>` element: axis titles, tick and legend labels, notes. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

/** How many points are drawn as symbols (legend swatches excluded). */
function symbolCount(svg: string): number {
  return [...svg.matchAll(/<path aria-label="[^"]*" role="graphics-symbol" aria-roledescription="point"/g)].length;
}

// Vega-Lite reports spec problems (conflicting legends, dropped encodings) as console warnings.
let warn: MockInstance;
beforeEach(() => {
  warn = vi.spyOn(console, "warn");
});
afterEach(() => {
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
});

const steps = Array.from({ length: 50 }, (_, i) => i);
const decay = steps.map((s) => 2 * Math.exp(-s / 20) + 0.1);

describe("each chart renders to SVG with its marks and labels", () => {
  it("lossChart: axis titles, a legend entry per run, the marker label, raw and smoothed lines", async () => {
    const spec = lossChart({
      series: [
        { name: "sgd", steps, loss: decay },
        { name: "adam", steps, loss: decay.map((l) => l / 2) },
      ],
      markers: [{ step: 30, label: "diverged here" }],
      title: "Loss curves",
    });
    const svg = await renderSvg(spec);
    expect(texts(svg)).toEqual(expect.arrayContaining(["step", "loss", "run", "sgd", "adam", "diverged here", "Loss curves"]));
    expect([...svg.matchAll(/aria-roledescription="line mark"/g)].length).toBe(4);
    expect(svg).toContain('class="mark-rule role-mark');
  });

  it("lossChart with smoothing 0 draws the raw loss only; logY titles the axis as a log scale", async () => {
    const svg = await renderSvg(lossChart({ series: [{ name: "a", steps, loss: decay }], smoothing: 0, logY: true }));
    expect([...svg.matchAll(/aria-roledescription="line mark"/g)].length).toBe(1);
    expect(texts(svg)).toContain("loss (log scale)");
  });

  it("lrChart: η axis and one legend entry per schedule", async () => {
    const svg = await renderSvg(
      lrChart({
        series: [
          { name: "StepLR", steps, lr: steps.map((s) => 0.1 * 0.5 ** Math.floor(s / 10)) },
          { name: "cosine", steps, lr: steps.map((s) => 0.05 * (1 + Math.cos((Math.PI * s) / 50))) },
        ],
      }),
    );
    expect(texts(svg)).toEqual(expect.arrayContaining(["step", "learning rate η", "schedule", "StepLR", "cosine"]));
  });

  it("rangeTestChart: a log η axis, each suggestion labelled with its value, a dot on the curve for each", async () => {
    const lrs = Array.from({ length: 40 }, (_, i) => 1e-6 * 10 ** (i / 6));
    const losses = lrs.map((lr) => 2.3 - 0.3 * Math.tanh(Math.log10(lr / 1e-3)));
    const svg = await renderSvg(rangeTestChart({ lrs, losses, suggestions: { steepest: 1e-3, valley: 2.5e-4, "min/10": 0.01 } }));
    expect(texts(svg)).toEqual(
      expect.arrayContaining(["learning rate η (log scale)", "loss", "steepest = 0.001", "valley = 2.5e-4", "min/10 = 0.01", "1e-6", "0.001"]),
    );
    expect(symbolCount(svg)).toBe(3);
  });

  it("rangeTestChart: labels one row apart in order of η, each rule in its own colour, η* bold and solid, no legend", async () => {
    const lrs = Array.from({ length: 40 }, (_, i) => 1e-6 * 10 ** (i / 6));
    const losses = lrs.map((lr) => 2.3 - 0.3 * Math.tanh(Math.log10(lr / 1e-3)));
    const svg = await renderSvg(rangeTestChart({ lrs, losses, suggestions: { steep: 3e-2, valley: 2.5e-4, minimum: 1e-3, other: 5e-3 }, recommended: "minimum" }));
    const labels = [...svg.matchAll(/<text[^>]*transform="translate\(([\d.]+),([\d.]+)\)"[^>]*fill="([^"]+)"[^>]*>([^<]*= [^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), fill: m[3], text: m[4], bold: m[0].includes('font-weight="bold"') }));
    const byY = [...labels].sort((a, b) => a.y - b.y);
    expect(byY.map((l) => l.text)).toEqual(["valley = 2.5e-4", "η* = minimum = 0.001", "other = 0.005", "steep = 0.03"]);
    expect(byY.map((l) => l.fill)).toEqual([suggestionColors.valley, suggestionColors.minimum, "#7f7f7f", suggestionColors.steep]);
    expect(byY.map((l) => l.bold)).toEqual([false, true, false, false]);
    expect(new Set(byY.map((l) => l.y)).size).toBe(4);
    expect(texts(svg)).not.toContain("suggestion");
  });

  it("runBars: one bar per run in its order, fractions as percentages on a 0–100% axis", async () => {
    const svg = await renderSvg(runBars({ runs: [{ name: "a", value: 0.9787 }, { name: "b", value: undefined }, { name: "c", value: 0.1 }], metric: "test accuracy", percent: true }));
    expect(texts(svg)).toEqual(expect.arrayContaining(["a", "c", "97.9%", "10.0%", "0.0%", "100.0%", "test accuracy"]));
    expect(texts(svg)).not.toContain("b");
    expect([...svg.matchAll(/aria-roledescription="bar"/g)]).toHaveLength(2);
    expect(() => runBars({ runs: [{ name: "a", value: 97 }], metric: "accuracy", percent: true })).toThrow(/runBars\.runs: percent values must be fractions in \[0, 1\]; got 97/);
  });

  it("sweepChart: the metric as y title, and finished and early-stopped trials as different symbols", async () => {
    const trials = [1e-4, 1e-3, 1e-2, 1e-1].map((lr, i) => ({ lr, value: 1 + i, stoppedEarly: i === 3, label: i === 1 ? "best" : undefined }));
    const svg = await renderSvg(sweepChart({ trials, metric: "final loss" }));
    expect(texts(svg)).toEqual(expect.arrayContaining(["final loss", "learning rate η (log scale)", "ran to the end", "stopped early", "best"]));
    expect(symbolCount(svg)).toBe(4);
    const filled = [...svg.matchAll(/aria-roledescription="point"[^>]*\/>/g)].filter((m) => m[0].includes("fill=")).length;
    expect(filled).toBe(3);
  });

  it("sweepChart with logX false uses a linear η axis", async () => {
    const svg = await renderSvg(sweepChart({ trials: [{ lr: 0.1, value: 1 }, { lr: 0.2, value: 2 }], metric: "accuracy", logX: false }));
    expect(texts(svg)).toContain("learning rate η");
  });

  it("learningCurves: a line per trial, dashed and crossed where stopped early", async () => {
    const epochs = [1, 2, 3, 4];
    const svg = await renderSvg(
      learningCurves({
        metric: "val loss",
        trials: [
          { name: "η=0.1", epochs, values: [2, 1.5, 1.2, 1.1] },
          { name: "η=1", epochs: [1, 2], values: [2.5, 2.4], stoppedEarly: true },
        ],
      }),
    );
    expect(texts(svg)).toEqual(expect.arrayContaining(["epoch", "val loss", "η=0.1", "η=1", "stopped early"]));
    expect(svg).toMatch(/aria-roledescription="line mark"[^>]*stroke-dasharray="5,3"/);
    expect(symbolCount(svg)).toBe(1);
  });

  it("smallMultiples: one titled panel per run in input order, shared axes, a note in an empty panel", async () => {
    const svg = await renderSvg(
      smallMultiples({
        runs: [
          { name: "zeta", steps, loss: decay },
          { name: "alpha", steps, loss: decay.map((l) => l * 1.5) },
          { name: "blew up", steps, loss: steps.map(() => NaN) },
          { name: "delta", steps, loss: decay },
        ],
        columns: 2,
      }),
    );
    const labels = texts(svg);
    const order = ["zeta", "alpha", "blew up", "delta"].map((name) => labels.indexOf(name));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(labels).toContain("no finite loss values");
    expect(labels.filter((t) => t === "step")).toHaveLength(2);
    expect(labels.filter((t) => t === "loss")).toHaveLength(2);
  });
});

describe("output is deterministic", () => {
  it("the same data gives the same SVG string, also after other charts were rendered", async () => {
    const spec = () => lossChart({ series: [{ name: "a", steps, loss: decay }], markers: [{ step: 10, label: "x" }] });
    const first = await renderSvg(spec());
    await renderSvg(smallMultiples({ runs: [{ name: "b", steps, loss: decay }] }));
    expect(await renderSvg(spec())).toBe(first);
  });

  it("clip-path ids, numbered process-wide by Vega, are renumbered per SVG", async () => {
    const clipped: ChartSpec = {
      data: { values: [{ x: 1, y: 1 }, { x: 2, y: 3 }] },
      mark: { type: "line", clip: true },
      encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
    };
    const a = await renderSvg(clipped);
    const b = await renderSvg(clipped);
    expect(a).toContain('clip-path="url(#def1)"');
    expect(a).toContain('id="def1"');
    expect(b).toBe(a);
  });
});

describe("edge data", () => {
  const noNaN = (svg: string) => expect(svg).not.toMatch(/NaN|Infinity/);

  it("no series, or only non-finite values, give an empty chart with a note", async () => {
    expect(texts(await renderSvg(lossChart({ series: [] })))).toEqual(["no runs to plot"]);
    expect(texts(await renderSvg(lossChart({ series: [{ name: "a", steps: [0, 1], loss: [NaN, Infinity] }] })))).toEqual([
      "no finite loss values to plot",
    ]);
    expect(texts(await renderSvg(lossChart({ series: [{ name: "a", steps: [0, 1], loss: [0, -1] }], logY: true })))).toEqual([
      "no positive finite loss values to plot",
    ]);
    expect(texts(await renderSvg(lrChart({ series: [] })))).toEqual(["no schedules to plot"]);
    expect(texts(await renderSvg(rangeTestChart({ lrs: [], losses: [] })))).toEqual(["no finite losses at positive learning rates to plot"]);
    expect(texts(await renderSvg(sweepChart({ trials: [], metric: "loss" })))).toEqual(["no trials to plot"]);
    expect(texts(await renderSvg(sweepChart({ trials: [{ lr: 0.1, value: NaN }], metric: "loss" })))).toEqual(["no trial has a finite value to plot"]);
    expect(texts(await renderSvg(learningCurves({ trials: [], metric: "loss" })))).toEqual(["no trials to plot"]);
    expect(texts(await renderSvg(smallMultiples({ runs: [] })))).toEqual(["no runs to plot"]);
  });

  it("NaN and ±Inf are dropped from the data, not drawn and not a crash", async () => {
    const loss = [1, NaN, 0.8, Infinity, 0.6, -Infinity, 0.5];
    const at = loss.map((_, i) => i);
    const spec = lossChart({ series: [{ name: "a", steps: at, loss }], markers: [{ step: NaN, label: "lost" }] }) as { layer: { data: { values: { loss: number }[] } }[] };
    expect(spec.layer[0]!.data.values.map((r) => r.loss)).toEqual([1, 0.8, 0.6, 0.5]);
    const svgs = await Promise.all([
      renderSvg(spec as ChartSpec),
      renderSvg(lrChart({ series: [{ name: "a", steps: at, lr: loss }], logY: true })),
      renderSvg(rangeTestChart({ lrs: [1e-4, NaN, 1e-2, 0, 1], losses: loss.slice(0, 5), suggestions: { bad: NaN, zero: 0, ok: 1e-2 } })),
      renderSvg(sweepChart({ trials: loss.map((value, i) => ({ lr: 10 ** -i, value })), metric: "loss" })),
      renderSvg(learningCurves({ trials: [{ name: "t", epochs: at, values: loss }], metric: "loss" })),
      renderSvg(smallMultiples({ runs: [{ name: "r", steps: at, loss }], logY: true })),
    ]);
    svgs.forEach(noNaN);
    expect(texts(svgs[0]!)).not.toContain("lost");
    expect(texts(svgs[2]!)).toContain("ok = 0.01");
    expect(texts(svgs[2]!).some((t) => t.startsWith("bad") || t.startsWith("zero"))).toBe(false);
  });

  it("a single point is drawn as a dot", async () => {
    const one = { steps: [5], values: [0.3] };
    const svgs = await Promise.all([
      renderSvg(lossChart({ series: [{ name: "a", steps: one.steps, loss: one.values }] })),
      renderSvg(lrChart({ series: [{ name: "a", steps: one.steps, lr: one.values }] })),
      renderSvg(rangeTestChart({ lrs: [1e-3], losses: one.values })),
      renderSvg(sweepChart({ trials: [{ lr: 1e-3, value: 0.3 }], metric: "loss" })),
      renderSvg(learningCurves({ trials: [{ name: "t", epochs: one.steps, values: one.values }], metric: "loss" })),
      renderSvg(smallMultiples({ runs: [{ name: "r", steps: one.steps, loss: one.values }] })),
    ]);
    for (const svg of svgs) {
      noNaN(svg);
      expect(symbolCount(svg)).toBe(1);
    }
  });

  it("all-equal values render on linear and log axes", async () => {
    const flat = steps.map(() => 0.5);
    for (const logY of [false, true]) {
      const svg = await renderSvg(lossChart({ series: [{ name: "a", steps, loss: flat }], logY }));
      noNaN(svg);
      const ticks = texts(svg).filter((t) => /^[\d.]+$/.test(t) && !Number.isInteger(Number(t)));
      expect(ticks.some((t) => Number(t) === 0.5)).toBe(true);
      expect(ticks.every((t) => t.length <= 4)).toBe(true);
    }
    noNaN(await renderSvg(lrChart({ series: [{ name: "constant", steps, lr: flat }], logY: true })));
    noNaN(await renderSvg(sweepChart({ trials: [{ lr: 0.1, value: 1 }, { lr: 0.1, value: 1 }], metric: "loss" })));
  });

  it("values spanning 1e-8 … 10 on log axes get readable power-of-ten labels", async () => {
    const span = [1e-8, 1e-6, 1e-4, 1e-2, 1, 10];
    const at = span.map((_, i) => i);
    const loss = texts(await renderSvg(lossChart({ series: [{ name: "a", steps: at, loss: span }], logY: true })));
    expect(loss).toEqual(expect.arrayContaining(["1e-8", "0.01", "10"]));
    const range = texts(await renderSvg(rangeTestChart({ lrs: span, losses: [3, 2, 1, 1.5, 4, 9], suggestions: { tiny: 3e-8 } })));
    expect(range).toEqual(expect.arrayContaining(["1e-8", "10", "tiny = 3e-8"]));
  });
});

describe("bad input is a ConfigError naming the key", () => {
  it("x and y arrays of different lengths", () => {
    expect(() => lossChart({ series: [{ name: "a", steps: [1, 2], loss: [1] }] })).toThrow(
      /lossChart\.series\[0\]: steps and loss must have the same length; got 2 and 1/,
    );
    expect(() => rangeTestChart({ lrs: [1], losses: [] })).toThrow(ConfigError);
    expect(() => learningCurves({ trials: [{ name: "t", epochs: [1], values: [1, 2] }], metric: "loss" })).toThrow(ConfigError);
  });

  it("two series with the same name", () => {
    const twice = { name: "run", steps: [1], loss: [1] };
    expect(() => lossChart({ series: [twice, twice] })).toThrow(/lossChart\.series\[1\]\.name: "run" is used twice/);
    expect(() => smallMultiples({ runs: [twice, twice] })).toThrow(ConfigError);
  });

  it("smoothing outside [0, 1) and columns that are not a positive integer", () => {
    expect(() => lossChart({ series: [], smoothing: 1 })).toThrow(/lossChart\.smoothing: expected β in \[0, 1\); got 1/);
    expect(() => smallMultiples({ runs: [], columns: 0 })).toThrow(/smallMultiples\.columns/);
  });
});

describe("specs are plain JSON", () => {
  it("survive a JSON round trip and name the Vega-Lite schema", () => {
    const spec = lossChart({ series: [{ name: "a", steps, loss: decay }], markers: [{ step: 3, label: "m" }] });
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v6.json");
  });
});
