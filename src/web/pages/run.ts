/**
 * One run: η, loss (raw and smoothed), gradient norm, sharpness λ_max against its stability
 * threshold 2/η (when the run probes it) and per-epoch metrics, updated live while the run trains;
 * the learning-rate diagnosis; the epoch log. The header's progress bar and ETA move with every
 * step that arrives. The per-step charts share one cursor and zoom, and one x axis — step, epoch
 * or wall time (`step-axis.ts`), kept in the URL as `?x=` — with the smoothing β and the log or
 * linear y axis above them. A run of kind "find" (an LR range test) shows its loss against η
 * with the suggested learning rates.
 */
import { adamThreshold, rangeTestSummarySchema, readSummary, recommendedLr, trainSummarySchema } from "../../log/index.js";
import { suggestionColor } from "../../report/index.js";
import { api, appendColumns, epochsFrom, num, sharpnessFrom, type EpochRow, type RunSummary, type SharpnessRow, type StepColumns } from "../lib/api.js";
import { Chart, type SeriesSpec } from "../lib/chart.js";
import { diagnosisPanel } from "../lib/diagnosis-panel.js";
import { h, queryParam } from "../lib/dom.js";
import { configSummary, formatAgo, formatNumber, formatSeconds } from "../lib/format.js";
import { markReady, pageFrame, showError, statusBadge } from "../lib/layout.js";
import { followRun } from "../lib/live-run.js";
import { colorAt } from "../lib/palette.js";
import { progressText, runProgress } from "../lib/progress.js";
import { progressTrack } from "../lib/progress-bar.js";
import { rangeTestOf } from "../lib/range-test.js";
import { autoSmoothing, smoothFinite } from "../lib/series.js";
import { axisLabels, axisValues, batchesPerEpoch, stepAxes, unavailable, type StepAxis } from "../lib/step-axis.js";

const DIAGNOSIS_EVERY_MS = 2000;
const main = pageFrame("Run", "runs");

function header(run: RunSummary, progress: HTMLElement): HTMLElement {
  const running = run.status === "running";
  const seconds = ((run.finishedAt ? Date.parse(run.finishedAt) : Date.parse(run.updatedAt)) - Date.parse(run.createdAt)) / 1000;
  return h(
    "section",
    { class: "run-header", id: "run-header", "data-status": run.status },
    h("h1", null, run.name ?? run.id, " ", statusBadge(run.status), running ? h("span", { class: "live-dot", title: "updating live" }) : null),
    h(
      "p",
      { class: "facts" },
      h("span", { class: "mono" }, run.id),
      [run.kind, configSummary(run.config), `started ${formatAgo(run.createdAt)}`, running ? "" : `took ${formatSeconds(seconds)}`]
        .filter(Boolean)
        .map((part) => ` · ${part}`)
        .join(""),
    ),
    progress,
    run.error ? h("p", { class: "error" }, run.error) : null,
  );
}

/** The header's progress: a bar of the planned steps, the count, and while running the time so far and the ETA. */
function progressLine(run: RunSummary, steps: StepColumns): HTMLElement {
  const last = steps.step.length - 1;
  const taken = last < 0 ? undefined : { steps: steps.step[last]! + 1, elapsed: steps.elapsed[last]! };
  const progress = runProgress(run, taken);
  const running = run.status === "running";
  return h("div", { class: "run-progress", id: "run-progress" }, progressTrack(progress.fraction, running), h("span", { class: "small" }, progressText(progress, running ? taken?.elapsed : undefined)));
}

function epochTable(epochs: readonly EpochRow[]): HTMLElement {
  const keys = [...new Set(epochs.flatMap((e) => Object.keys(e.val)))];
  return h(
    "table",
    { class: "runs epochs" },
    h("thead", null, h("tr", null, ...["epoch", "step", "η", "train loss", ...keys.map((k) => `val ${k}`), "time"].map((t) => h("th", null, t)))),
    h(
      "tbody",
      null,
      ...epochs.map((e) =>
        h(
          "tr",
          null,
          ...[e.epoch + 1, e.step, formatNumber(e.lr), formatNumber(e.trainLoss), ...keys.map((k) => formatNumber(e.val[k])), formatSeconds(e.seconds)].map((v) => h("td", null, v)),
        ),
      ),
    ),
  );
}

function rangeTestSection(run: RunSummary): HTMLElement | undefined {
  const test = rangeTestOf(run.summary);
  if (!test) return undefined;
  const star = recommendedLr(readSummary(rangeTestSummarySchema, run.summary).suggestions ?? {});
  const section = h(
    "section",
    { class: "panel", id: "range-test" },
    h("h2", null, "LR range test"),
    star
      ? h("p", { class: "recommended", id: "recommended-lr", "data-lr": star.lr }, h("strong", null, `recommended η* = ${formatNumber(star.lr)}`), ` (the ${star.rule} rule: the η of the lowest smoothed loss ÷ 10, what lrkit find --apply writes); alternatives below`)
      : null,
  );
  const start = test.losses.find(Number.isFinite) ?? 1;
  const low = Math.min(...[...test.losses, ...(test.rawLosses ?? [])].filter(Number.isFinite));
  // The loss axis stops at 1.5× the starting loss, as fastai's lr_find plot does: the blow-up past
  // the valley would otherwise flatten the part of the curve the suggestions are read from.
  const chart = new Chart(section, {
    id: "range-test-chart",
    title: "loss against η",
    xLabel: "learning rate η",
    yLabel: "loss",
    logX: true,
    series: [...(test.rawLosses ? [{ label: "raw loss", color: "#a8c4e0", width: 1 }] : []), { label: "smoothed loss", color: colorAt(0), width: 2 }],
    marks: test.suggestions.map((s) => ({ x: s.lr, label: s.name === star?.rule ? `η* = ${s.name}` : s.name, color: suggestionColor(s.name) })),
    yRange: [Math.min(low, start) * 0.95, Math.max(start * 1.5, low * 2)],
    height: 300,
  });
  chart.setData(test.lrs, [...(test.rawLosses ? [test.rawLosses] : []), test.losses]);
  section.append(h("ul", { class: "suggestions" }, ...test.suggestions.map((s) => {
    const item = h("li", null, h("strong", null, s.name === star?.rule ? `η* ${s.name}` : s.name), ` η = ${formatNumber(s.lr)}`);
    item.style.color = suggestionColor(s.name);
    return item;
  })));
  return section;
}

async function show(runId: string): Promise<void> {
  const response = await api.run(runId);
  let run = response.run;
  let epochs = epochsFrom(response.epochs);
  let sharpness: SharpnessRow[] = sharpnessFrom(response.sharpness);
  const steps: StepColumns = await api.steps(run.id);
  document.title = `${run.name ?? run.id} · lrkit`;

  let head = header(run, progressLine(run, steps));
  let range = rangeTestSection(run);
  const stepGrid = h("section", { class: "chart-grid", id: "step-charts" });
  const epochGrid = h("section", { class: "chart-grid", id: "epoch-charts" });
  const diagnosis = run.kind === "find" ? undefined : diagnosisPanel();
  const epochSection = h("section", { class: "panel", hidden: true }, h("h2", null, "Epochs"));
  main.append(head, ...(range ? [range] : []), stepGrid, epochGrid, ...(diagnosis ? [diagnosis.element] : []), epochSection);

  // The controls of the per-step charts: the loss's smoothing β (auto: `autoSmoothing`'s for the points logged), a log or linear y axis, and the x axis.
  const smoothing = h("input", { id: "smoothing", type: "range", min: 0, max: 0.999, step: 0.001, value: 0 });
  const smoothingValue = h("span", { class: "mono", id: "smoothing-value" }, "auto");
  const logY = h("input", { id: "log-y", type: "checkbox", checked: true });
  const xSelect = h("select", { id: "x-axis" }, ...stepAxes.map((a) => h("option", { value: a }, axisLabels[a])));
  let xAxis: StepAxis = stepAxes.find((a) => a === queryParam("x")) ?? "step";
  xSelect.value = xAxis;
  let beta: number | undefined;
  // A finished range test shows its own chart; the per-step curves are what a live one shows meanwhile.
  const showSteps = () => !range;
  const stepCharts = new Map<string, Chart>();
  const resetStepCharts = () => {
    for (const chart of stepCharts.values()) chart.destroy();
    stepCharts.clear();
    scheduleDraw();
  };
  /** The per-step chart `id`, made on first use with the controls' y and x axes. */
  const stepChart = (id: string, title: string, yLabel: string, series: SeriesSpec[]): Chart => {
    let chart = stepCharts.get(id);
    if (!chart) {
      chart = new Chart(stepGrid, { id, title, xLabel: axisLabels[xAxis], yLabel, logY: logY.checked, series, syncKey: `steps-${run.id}` });
      stepCharts.set(id, chart);
    }
    return chart;
  };
  if (showSteps()) {
    stepGrid.before(
      h(
        "div",
        { class: "controls", id: "step-controls" },
        h("label", null, "smoothing β ", smoothing, smoothingValue),
        h("label", null, logY, " log y axis"),
        h("label", null, "x axis ", xSelect),
      ),
    );
    smoothing.addEventListener("input", () => {
      beta = Number(smoothing.value);
      smoothingValue.textContent = String(beta);
      scheduleDraw();
    });
    logY.addEventListener("change", resetStepCharts);
    xSelect.addEventListener("change", () => {
      xAxis = xSelect.value as StepAxis;
      const url = new URL(location.href);
      if (xAxis === "step") url.searchParams.delete("x");
      else url.searchParams.set("x", xAxis);
      history.replaceState(null, "", url);
      resetStepCharts();
    });
  }
  let epochLoss: Chart | undefined;
  let epochMetrics: Chart | undefined;

  let diagnosedAt = 0;
  let pendingDiagnosis: ReturnType<typeof setTimeout> | undefined;
  const stopped = () => readSummary(trainSummarySchema, run.summary).stopped ?? undefined;
  // At most one diagnosis per DIAGNOSIS_EVERY_MS; rows that arrive in between get one when it is up, so the last rows are never left undiagnosed.
  const drawDiagnosis = (force: boolean) => {
    if (!diagnosis) return;
    const wait = DIAGNOSIS_EVERY_MS - (performance.now() - diagnosedAt);
    if (!force && wait > 0) {
      pendingDiagnosis ??= setTimeout(() => {
        pendingDiagnosis = undefined;
        drawDiagnosis(true);
      }, wait);
      return;
    }
    diagnosedAt = performance.now();
    try {
      diagnosis.update(steps, epochs, stopped(), sharpness, run.status === "running");
    } catch (error) {
      console.warn("diagnosis failed:", error);
    }
  };

  const drawEpochs = () => {
    if (epochs.length === 0) return;
    const keys = [...new Set(epochs.flatMap((e) => Object.keys(e.val)))];
    const lossKeys = keys.filter((k) => /loss/.test(k));
    const otherKeys = keys.filter((k) => !/loss/.test(k));
    const x = epochs.map((e) => e.epoch + 1);
    epochLoss ??= new Chart(epochGrid, {
      id: "epoch-loss-chart",
      title: "loss per epoch",
      xLabel: "epoch",
      yLabel: "loss",
      integerX: true,
      series: [{ label: "train", color: colorAt(0), points: true }, ...lossKeys.map((k, i) => ({ label: `val ${k}`, color: colorAt(i + 3), points: true }))],
    });
    epochLoss.setData(x, [epochs.map((e) => e.trainLoss), ...lossKeys.map((k) => epochs.map((e) => e.val[k] ?? NaN))]);
    if (otherKeys.length > 0) {
      const accuracy = otherKeys.every((k) => /accuracy/.test(k));
      epochMetrics ??= new Chart(epochGrid, {
        id: "epoch-metrics-chart",
        title: accuracy ? "validation accuracy per epoch" : "validation metrics per epoch",
        xLabel: "epoch",
        yLabel: accuracy ? "accuracy" : "value",
        integerX: true,
        percentY: accuracy,
        series: otherKeys.map((k, i) => ({ label: k, color: colorAt(i + 4), points: true })),
      });
      epochMetrics.setData(x, otherKeys.map((k) => epochs.map((e) => e.val[k] ?? NaN)));
    }
    epochSection.hidden = false;
    epochSection.replaceChildren(h("h2", null, "Epochs"), epochTable(epochs));
  };

  let frame = 0;
  /** The header drawn again, so its progress and "started … ago" stay current. */
  const drawHeader = () => {
    const next = header(run, progressLine(run, steps));
    head.replaceWith(next);
    head = next;
  };
  const drawSteps = () => {
    const batches = batchesPerEpoch(run, epochs);
    for (const option of xSelect.options) {
      const why = unavailable(option.value as StepAxis, steps, batches);
      option.disabled = why !== undefined;
      option.title = why ?? "";
    }
    if (unavailable(xAxis, steps, batches)) {
      xAxis = "step";
      xSelect.value = xAxis;
      resetStepCharts();
    }
    const x = axisValues(xAxis, steps.step, steps, batches);
    stepChart("loss-chart", "loss per step", "loss", [
      { label: "loss", color: "#a8c4e0", width: 1 },
      { label: "smoothed", color: colorAt(0), width: 2 },
    ]).setData(x, [steps.loss, smoothFinite(steps.loss, beta)]);
    if (beta === undefined) smoothing.value = String(autoSmoothing(steps.loss.filter(Number.isFinite).length));
    stepChart("lr-chart", "learning rate η", "η", [{ label: "η", color: colorAt(1), width: 2 }]).setData(x, [steps.lr]);
    if (steps.gradNorm.some(Number.isFinite)) stepChart("grad-chart", "gradient norm ‖g‖", "‖g‖", [{ label: "‖g‖", color: colorAt(2), width: 1 }]).setData(x, [steps.gradNorm]);
    if (sharpness.length === 0) return;
    const preconditioned = sharpness.some((r) => r.preconditioned !== undefined);
    const placed = axisValues(xAxis, sharpness.map((r) => r.step), steps, batches);
    const rows = sharpness.filter((_, i) => Number.isFinite(placed[i]));
    stepChart("sharpness-chart", `sharpness λ_max and the stability threshold 2/η${preconditioned ? "; preconditioned λ_max(P⁻¹H) and its threshold" : ""}`, "λ_max", [
      { label: "λ_max", color: colorAt(3), width: 2 },
      { label: "2/η", color: colorAt(3), width: 1, dash: [6, 4] },
      ...(preconditioned
        ? [
            { label: "λ_max(P⁻¹H)", color: colorAt(4), width: 2 },
            { label: adamThreshold(sharpness) ? "(2+2β₁)/(η(1−β₁))" : "2/η of P⁻¹H", color: colorAt(4), width: 1, dash: [6, 4] },
          ]
        : []),
    ]).setData(placed.filter(Number.isFinite), [
      rows.map((r) => r.sharpness),
      rows.map((r) => r.threshold),
      ...(preconditioned ? [rows.map((r) => r.preconditioned ?? NaN), rows.map((r) => r.preconditionedThreshold ?? NaN)] : []),
    ]);
  };
  const draw = () => {
    frame = 0;
    drawHeader();
    if (showSteps()) drawSteps();
    drawEpochs();
    drawDiagnosis(false);
  };
  const scheduleDraw = () => {
    frame ||= requestAnimationFrame(draw);
  };
  draw();
  drawDiagnosis(true);

  // The live stream carries steps and epochs; the probes (every K steps) are fetched again with each epoch.
  const refreshSharpness = async () => {
    if (run.kind === "find") return;
    sharpness = sharpnessFrom((await api.run(run.id)).sharpness);
    scheduleDraw();
  };

  if (run.status === "running") {
    followRun(run.id, steps.step.at(-1) ?? -1, {
      steps(more) {
        if (appendColumns(steps, more) > 0) scheduleDraw();
      },
      epochs(rows) {
        const byEpoch = new Map(epochs.map((e) => [e.epoch, e]));
        for (const row of rows) byEpoch.set(row.epoch, row);
        epochs = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
        scheduleDraw();
        void refreshSharpness().catch((error: unknown) => console.warn("sharpness refresh failed:", error));
      },
      ended(final) {
        run = { ...final, best: Object.fromEntries(Object.entries(final.best).map(([k, v]) => [k, num(v)])) };
        drawHeader();
        range ??= rangeTestSection(run);
        if (range && !range.isConnected) {
          head.after(range);
          document.getElementById("step-controls")?.remove();
          resetStepCharts();
        }
        draw();
        drawDiagnosis(true);
        void refreshSharpness().catch((error: unknown) => console.warn("sharpness refresh failed:", error));
      },
    });
  }
}

const runId = queryParam("id");
try {
  if (!runId) throw new Error("no run id: open this page as /run.html?id=RUN_ID (the runs list links here)");
  await show(runId);
} catch (error) {
  showError(main, error);
}
markReady();
