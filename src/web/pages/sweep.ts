/**
 * One sweep: the metric of each trial against its η on a log axis, parallel coordinates of the
 * swept values, the trials' learning curves (trials stopped early by successive halving / ASHA
 * drawn dashed and marked), and the trials table. The metric is the sweep config's `metric` when
 * it names one the trials logged, else an accuracy, else the validation loss; a menu switches it.
 */
import { higherIsBetter } from "../../log/index.js";
import { api, epochsFrom, num, type ComparisonRow } from "../lib/api.js";
import { Chart } from "../lib/chart.js";
import { h, queryParam } from "../lib/dom.js";
import { formatNumber } from "../lib/format.js";
import { markReady, pageFrame, showError, statusBadge } from "../lib/layout.js";
import { colorAt } from "../lib/palette.js";
import { parallelCoordinates } from "../lib/parallel-coordinates.js";
import { alignSeries } from "../lib/series.js";
import type { SweepResponse } from "../../server/index.js";

const main = pageFrame("Sweep", "runs");

/** The swept key that is the learning rate: `optimizer.lr`, else any `…lr` key (e.g. `scheduler.max_lr`), else the first numeric one. */
function lrKey(params: readonly ComparisonRow[]): ComparisonRow | undefined {
  const numeric = params.filter((p) => p.values.every((v) => typeof v === "number" && v > 0));
  return numeric.find((p) => p.key === "optimizer.lr") ?? numeric.find((p) => /(^|[._])lr$/.test(p.key)) ?? numeric[0];
}

function defaultMetric(sweep: SweepResponse["sweep"], metrics: readonly string[]): string | undefined {
  const configured = (sweep.config as { metric?: unknown } | null)?.metric;
  if (typeof configured === "string" && metrics.includes(configured)) return configured;
  return metrics.find((m) => /acc/.test(m)) ?? metrics.find((m) => m === "loss") ?? metrics[0];
}

function render(data: SweepResponse, metric: string | undefined, body: HTMLElement): void {
  const { trials, params } = data;
  const stopped = trials.map((t) => t.status === "stopped");
  const values = trials.map((t) => (metric === undefined ? NaN : num(t.run.best[metric])));
  const finite = values.filter(Number.isFinite);
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  const quality = values.map((v) => (hi === lo ? 1 : ((higherIsBetter(metric ?? "") ? v - lo : hi - v) / (hi - lo))));
  const lr = lrKey(params);
  const grid = h("section", { class: "chart-grid" });
  body.replaceChildren(grid);

  if (lr && metric) {
    const order = trials.map((_, i) => i).sort((a, b) => (lr.values[a] as number) - (lr.values[b] as number));
    const chart = new Chart(grid, {
      id: "sweep-metric-chart",
      title: `${metric} against ${lr.key} (best per trial)`,
      xLabel: lr.key,
      yLabel: metric,
      logX: true,
      series: [
        { label: "completed", color: colorAt(0), scatter: true },
        { label: "stopped early", color: colorAt(1), scatter: true },
        { label: "failed / diverged / running", color: colorAt(2), scatter: true },
      ],
    });
    const group = (i: number) => (trials[i]!.status === "completed" ? 0 : stopped[i] ? 1 : 2);
    chart.setData(
      order.map((i) => lr.values[i] as number),
      [0, 1, 2].map((g) => order.map((i) => (group(i) === g ? values[i]! : NaN))),
    );
  }

  const curveMetric = metric ?? "loss";
  const curves = trials.map((t) => {
    const epochs = epochsFrom(t.epochs);
    return { x: epochs.map((e) => e.epoch + 1), y: epochs.map((e) => e.val[curveMetric] ?? NaN) };
  });
  const aligned = alignSeries(curves);
  const chart = new Chart(grid, {
    id: "learning-curves",
    title: `learning curves: validation ${curveMetric} per epoch (dashed, with points: stopped early)`,
    xLabel: "epoch",
    yLabel: curveMetric,
    integerX: true,
    legend: trials.length <= 8,
    series: trials.map((t, i) => ({ label: t.trialKey ?? t.runId, color: colorAt(i), width: stopped[i] ? 1.5 : 2, ...(stopped[i] ? { dash: [6, 4], points: true } : {}) })),
  });
  chart.element.dataset.stopped = String(stopped.filter(Boolean).length);
  chart.setData(aligned.x, aligned.ys);

  const axes = [...params.map((p) => ({ label: p.key, values: p.values })), ...(metric ? [{ label: metric, values }] : [])];
  if (axes.length > 0) {
    const lines = trials.map((t, i) => ({ quality: quality[i]!, dashed: stopped[i]!, title: `${t.trialKey ?? t.runId}: ${metric ?? ""} ${formatNumber(values[i])} (${t.status})` }));
    const pc = parallelCoordinates(axes, lines);
    pc.id = "parallel-coordinates";
    grid.append(pc);
  }

  body.append(
    h(
      "table",
      { class: "runs", id: "trials-table" },
      h("thead", null, h("tr", null, ...["trial", "status", ...params.map((p) => p.key), metric ?? "metric", "epochs"].map((t) => h("th", null, t)))),
      h(
        "tbody",
        null,
        ...trials.map((t, i) =>
          h(
            "tr",
            { "data-status": t.status },
            h("td", null, h("a", { href: `/run.html?id=${t.runId}` }, t.runId)),
            h("td", null, statusBadge(t.status)),
            ...params.map((p) => h("td", null, typeof p.values[i] === "number" ? formatNumber(p.values[i] as number) : JSON.stringify(p.values[i] ?? null))),
            h("td", null, formatNumber(values[i])),
            h("td", null, String(t.run.epochCount)),
          ),
        ),
      ),
    ),
  );
}

async function show(sweepId: string): Promise<void> {
  const data = await api.sweep(sweepId);
  const { sweep, trials } = data;
  document.title = `${sweep.name ?? sweep.id} · lrkit`;
  const metrics = [...new Set(trials.flatMap((t) => Object.keys(t.run.best)))];
  const select = h("select", { id: "metric", "aria-label": "metric" }, ...metrics.map((m) => h("option", { value: m }, m)));
  const initial = defaultMetric(sweep, metrics);
  if (initial) select.value = initial;
  const body = h("div");
  main.append(
    h("h1", null, sweep.name ?? sweep.id, " ", statusBadge(sweep.status)),
    h("p", { class: "facts" }, h("span", { class: "mono" }, sweep.id), ` · ${trials.length} trials · ${trials.filter((t) => t.status === "stopped").length} stopped early · metric `, select),
    body,
  );
  render(data, initial, body);
  select.addEventListener("change", () => render(data, select.value, body));
}

const sweepId = queryParam("id");
try {
  if (!sweepId) throw new Error("no sweep id: open this page as /sweep.html?id=SWEEP_ID (the runs list links here)");
  await show(sweepId);
} catch (error) {
  showError(main, error);
}
markReady();
