/**
 * Runs overlaid: their smoothed loss and η per step, their sharpness λ_max against each run's
 * stability threshold 2/η (dashed, in the run's colour; when any run probes it), and their
 * validation metrics per epoch on shared axes, and the table of config keys on which they differ and their results
 * (`compareRuns`). Ids come from `?ids=a,b,…` (the runs list's "Compare selected").
 */
import { api, epochsFrom, sharpnessFrom, type ComparisonRow, type EpochRow, type RunSummary, type SharpnessRow, type StepColumns } from "../lib/api.js";
import { Chart } from "../lib/chart.js";
import { h, queryParam } from "../lib/dom.js";
import { formatNumber } from "../lib/format.js";
import { markReady, pageFrame, showError } from "../lib/layout.js";
import { colorAt } from "../lib/palette.js";
import { alignSeries, smoothFinite } from "../lib/series.js";

const main = pageFrame("Compare", "runs");

function cell(value: unknown): string {
  if (typeof value === "number" || (typeof value === "string" && /^(NaN|-?Infinity)$/.test(value))) return formatNumber(Number(value));
  if (value === undefined || value === null) return "–";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function table(title: string, runs: readonly RunSummary[], rows: readonly ComparisonRow[]): HTMLElement {
  return h(
    "section",
    { class: "panel" },
    h("h2", null, title),
    rows.length === 0
      ? h("p", { class: "note" }, "identical")
      : h(
          "table",
          { class: "runs compare" },
          h("thead", null, h("tr", null, h("th", null, ""), ...runs.map((run) => h("th", null, h("a", { href: `/run.html?id=${run.id}`, title: run.id }, run.name ?? run.id))))),
          h("tbody", null, ...rows.map((r) => h("tr", null, h("th", null, r.key), ...r.values.map((v) => h("td", null, cell(v)))))),
        ),
  );
}

async function show(ids: string[]): Promise<void> {
  const { comparison, runs } = await api.compare(ids);
  const [steps, details] = await Promise.all([Promise.all(runs.map((r) => api.steps(r.id))), Promise.all(runs.map((r) => api.run(r.id)))]);
  const epochs: EpochRow[][] = details.map((d) => epochsFrom(d.epochs));
  const label = (i: number) => runs[i]!.name ?? runs[i]!.id;
  main.append(h("h1", null, `Comparing ${runs.length} runs`));

  const grid = h("section", { class: "chart-grid", id: "compare-charts" });
  main.append(grid);
  const overlay = (title: string, yLabel: string, logY: boolean, pick: (s: StepColumns) => number[], id: string) => {
    const chart = new Chart(grid, { id, title, xLabel: "step", yLabel, logY, series: runs.map((_, i) => ({ label: label(i), color: colorAt(i), width: 2 })) });
    const aligned = alignSeries(steps.map((s) => ({ x: s.step, y: pick(s) })));
    chart.setData(aligned.x, aligned.ys);
  };
  overlay("smoothed loss per step", "loss", true, (s) => smoothFinite(s.loss), "compare-loss");
  overlay("learning rate η", "η", true, (s) => s.lr, "compare-lr");
  sharpnessOverlay(grid, details.map((d) => sharpnessFrom(d.sharpness)), label);

  const metrics = [...new Set(epochs.flat().flatMap((e) => Object.keys(e.val)))];
  for (const metric of metrics) {
    const chart = new Chart(grid, {
      title: `validation ${metric} per epoch`,
      xLabel: "epoch",
      yLabel: metric,
      logY: /loss/.test(metric),
      integerX: true,
      series: runs.map((_, i) => ({ label: label(i), color: colorAt(i), width: 2, points: true })),
    });
    const aligned = alignSeries(epochs.map((rows) => ({ x: rows.map((e) => e.epoch + 1), y: rows.map((e) => e.val[metric] ?? NaN) })));
    chart.setData(aligned.x, aligned.ys);
  }
  main.append(table("Config differences", runs, comparison.config), table("Results", runs, comparison.results));
}

/** Each probing run's λ_max (solid) and 2/η (dashed) in its colour, on a log axis; nothing when no run probes. */
function sharpnessOverlay(grid: HTMLElement, rows: readonly SharpnessRow[][], label: (i: number) => string): void {
  const probing = rows.flatMap((r, i) => (r.length > 0 ? [i] : []));
  if (probing.length === 0) return;
  const chart = new Chart(grid, {
    id: "compare-sharpness",
    title: "sharpness λ_max and the stability threshold 2/η",
    xLabel: "step",
    yLabel: "λ_max",
    logY: true,
    series: probing.flatMap((i) => [
      { label: `${label(i)} λ_max`, color: colorAt(i), width: 2, points: true, spanGaps: true },
      { label: `${label(i)} 2/η`, color: colorAt(i), width: 1, dash: [6, 4], spanGaps: true },
    ]),
  });
  const aligned = alignSeries(
    probing.flatMap((i) => {
      const x = rows[i]!.map((p) => p.step);
      return [
        { x, y: rows[i]!.map((p) => p.sharpness) },
        { x, y: rows[i]!.map((p) => p.threshold) },
      ];
    }),
  );
  chart.setData(aligned.x, aligned.ys);
}

const ids = (queryParam("ids") ?? "").split(",").filter((s) => s.length > 0);
try {
  if (ids.length < 2) throw new Error("pick two or more runs to compare: tick them in the runs list, or open /compare.html?ids=ID1,ID2");
  await show(ids);
} catch (error) {
  showError(main, error);
}
markReady();
