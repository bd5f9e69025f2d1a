/**
 * The learning-rate playground, entirely in the browser on jax-js (WebGPU where the browser has
 * it, else wasm on several threads — the page is cross-origin isolated for that):
 *
 * 1. several η raced on a 2-D loss surface with an lrkit optimizer and schedule, their
 *    trajectories animated on a contour plot beside their loss curves; on the quadratic bowl the
 *    stability edge of gradient descent (2/λ_max, or its momentum versions) is marked, and an η just
 *    above it visibly leaves the plot;
 * 2. the seed CNN or an MLP trained on an MNIST subset with live loss and η charts.
 *
 * For the browser tests the page exposes its state as attributes: `#race[data-generation]` (one
 * more on every restart), `[data-steps]`, `[data-finished]`, and per trajectory
 * `#trajectories li[data-lr][data-diverged][data-left-at]`.
 */
import { initEngine } from "../../core.js";
import { Chart } from "../lib/chart.js";
import { h } from "../lib/dom.js";
import { formatNumber } from "../lib/format.js";
import { markReady, pageFrame, showError } from "../lib/layout.js";
import { colorAt } from "../lib/palette.js";
import { optimizerChoices, scheduleChoices, stabilityEdge, type OptimizerChoice } from "../playground/choices.js";
import { ContourPlot } from "../playground/contour.js";
import { etaStrip } from "../playground/eta-strip.js";
import { readLrList } from "../playground/lr-list.js";
import { mnistPanel } from "../playground/mnist-panel.js";
import { Race, type Trajectory } from "../playground/race.js";
import { surface, surfaceGrid, surfaceNames, type Surface, type SurfaceName } from "../playground/surfaces.js";

const GRID = 160;
const MAX_TRAJECTORIES = 6;
const main = pageFrame("Playground", "playground");

function select(id: string, options: readonly { key: string; label: string }[], value: string): HTMLSelectElement {
  const element = h("select", { id }, ...options.map((o) => h("option", { value: o.key }, o.label)));
  element.value = value;
  return element;
}

const controls = {
  surface: select("surface", surfaceNames.map((s) => ({ key: s.name, label: s.label })), "quadratic"),
  kappa: h("input", { id: "kappa", type: "range", min: 0, max: 3, step: 0.05, value: 1 }),
  noisy: h("input", { id: "noisy", type: "checkbox" }),
  optimizer: select("optimizer", optimizerChoices, "gd"),
  schedule: select("schedule", scheduleChoices, "constant"),
  lrs: h("input", { id: "lrs", type: "text" }),
  steps: h("input", { id: "steps", type: "number", min: 10, max: 2000, value: 150 }),
  speed: select(
    "speed",
    [1, 2, 5, 20].map((n) => ({ key: String(n), label: `${n} step${n === 1 ? "" : "s"} per frame` })),
    "2",
  ),
};
const kappaValue = h("span", { class: "mono" });
const lrsError = h("p", { class: "field-error", id: "lrs-error", role: "alert", hidden: true });
const run = h("button", { class: "button", id: "run" }, "Replay");
const pause = h("button", { class: "button secondary", id: "pause" }, "Pause");
const stability = h("div", { class: "stability", id: "stability" });
const canvas = h("canvas", { class: "contour", id: "contour", width: 520, height: 520 });
const legend = h("ul", { class: "legend-list", id: "trajectories" });
const chartBox = h("div");
const raceBox = h("div", { id: "race" }, chartBox, legend);
const engineLine = h("p", { class: "status-line", id: "engine" });

main.append(
  h("h1", null, "Learning-rate playground"),
  engineLine,
  h(
    "section",
    { class: "panel", id: "surface-panel" },
    h("h2", null, "Several η on one loss surface"),
    h(
      "div",
      { class: "controls" },
      h("label", null, "surface", controls.surface),
      h("label", { id: "kappa-label" }, h("span", null, "condition number κ = ", kappaValue), controls.kappa),
      h("label", null, "noisy gradient", controls.noisy),
      h("label", null, "optimizer", controls.optimizer),
      h("label", null, "schedule", controls.schedule),
      h("label", null, "η values", controls.lrs),
      h("label", null, "steps", controls.steps),
      h("label", null, "speed", controls.speed),
      run,
      pause,
    ),
    lrsError,
    stability,
    h("div", { class: "playground-row" }, canvas, raceBox),
  ),
  mnistPanel(),
);

const plot = new ContourPlot(canvas);
let race: Race | undefined;
let chart: Chart | undefined;
let paused = false;
let generation = 0;

const kappa = () => Math.round(10 ** Number(controls.kappa.value) * 10) / 10;
const optimizerChoice = (): OptimizerChoice => optimizerChoices.find((o) => o.key === controls.optimizer.value)!;
const currentSurface = (): Surface => surface(controls.surface.value as SurfaceName, kappa());

/** The edge for the chosen optimizer on the current surface and how to write it. */
function edgeOf(s: Surface, choice: OptimizerChoice): { edge: number; label: string } | undefined {
  const edge = s.lambdaMax === undefined ? undefined : stabilityEdge(choice, s.lambdaMax);
  if (edge === undefined) return undefined;
  const label = choice.nesterov ? "2(1+β)/((1+2β)λ_max)" : choice.momentum ? "2(1+β)/λ_max" : "2/λ_max";
  return { edge, label };
}

function defaultLrs(s: Surface, choice: OptimizerChoice): number[] {
  const edge = edgeOf(s, choice)?.edge;
  return edge ? [0.2, 0.6, 0.95, 1.05].map((k) => k * edge) : s.lrs[choice.family];
}

/** The η list as typed, or undefined after showing what is wrong with it beside the field (the text stays as typed). */
function readLrs(): number[] | undefined {
  const list = readLrList(controls.lrs.value, MAX_TRAJECTORIES);
  const bad = "error" in list;
  lrsError.textContent = bad ? list.error : "";
  lrsError.hidden = !bad;
  controls.lrs.setAttribute("aria-invalid", String(bad));
  return bad ? undefined : list.lrs;
}

function describe(t: Trajectory, edge: { edge: number; label: string } | undefined): string {
  const relative = edge ? ` (${formatNumber(t.lr / edge.edge, 3)} × ${edge.label})` : "";
  const gap = t.gaps.at(-1);
  const state = t.diverged
    ? t.leftAt !== undefined
      ? `diverged: left the plot at step ${t.leftAt}`
      : "diverged"
    : t.leftAt !== undefined
      ? `left the plot at step ${t.leftAt}`
      : `f − f* = ${formatNumber(gap)}`;
  return `η = ${formatNumber(t.lr, 3)}${relative}: ${state}`;
}

function drawRace(): void {
  if (!race) return;
  const s = currentSurface();
  const edge = edgeOf(s, optimizerChoice());
  plot.draw(race.trajectories.map((t) => ({ color: t.color, points: t.points, diverged: t.diverged })));
  const longest = Math.max(...race.trajectories.map((t) => t.gaps.length));
  const x = Array.from({ length: longest }, (_, i) => i);
  chart?.setData(x, race.trajectories.map((t) => t.gaps));
  legend.replaceChildren(
    ...race.trajectories.map((t) => {
      const swatch = h("span", { class: "swatch" });
      swatch.style.background = t.color;
      return h(
        "li",
        { "data-lr": t.lr, "data-diverged": String(t.diverged), "data-left-at": t.leftAt, "data-steps": t.gaps.length },
        swatch,
        describe(t, edge),
      );
    }),
  );
  raceBox.dataset.steps = String(race.steps);
  raceBox.dataset.finished = String(race.finished);
}

async function animate(own: number): Promise<void> {
  const current = race;
  while (current && own === generation && !current.finished && !paused) {
    const perFrame = Number(controls.speed.value);
    for (let i = 0; i < perFrame && own === generation && !current.finished; i++) await current.advance();
    if (own !== generation) return;
    drawRace();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Sets up a new race from the controls and starts it; `resetLrs` refills the η values with the defaults. An η list it cannot read leaves the race as it was and says why. */
async function restart(resetLrs: boolean): Promise<void> {
  if (resetLrs) controls.lrs.value = defaultLrs(currentSurface(), optimizerChoice()).map((v) => formatNumber(v, 3)).join(", ");
  const lrs = readLrs();
  if (lrs === undefined) return;
  const own = ++generation;
  raceBox.dataset.generation = String(own);
  raceBox.dataset.finished = "false";
  const previous = race;
  race = undefined;
  await previous?.dispose();
  if (own !== generation) return;
  const s = currentSurface();
  const choice = optimizerChoice();
  kappaValue.textContent = String(kappa());
  controls.kappa.parentElement!.hidden = s.name !== "quadratic";
  const edge = edgeOf(s, choice);
  const colors = lrs.map((_, i) => colorAt(i));
  stability.replaceChildren(
    edge
      ? h("p", null, `λ_max = κ = ${kappa()}: ${choice.label} is stable exactly while η < ${edge.label} = `, h("strong", { id: "edge-value", "data-edge": edge.edge }, formatNumber(edge.edge, 4)))
      : h("p", { class: "note" }, s.lambdaMax === undefined ? "The Hessian varies over this surface, so there is no single stability edge." : `${choice.label} scales its steps itself; the edge 2/λ_max is for SGD.`),
    etaStrip(
      lrs.map((lr, i) => ({ lr, color: colors[i]! })),
      edge?.edge,
      edge?.label ?? "",
    ),
  );
  const steps = Math.min(Math.max(Math.round(Number(controls.steps.value)) || 150, 10), 2000);
  const values = await surfaceGrid(s, GRID);
  if (own !== generation) return;
  plot.setSurface(s, values, GRID);
  chartBox.replaceChildren();
  chart = new Chart(chartBox, {
    id: "gap-chart",
    title: "f − f* per step",
    xLabel: "step",
    yLabel: "f − f*",
    logY: true,
    height: 260,
    series: lrs.map((lr, i) => ({ label: `η = ${formatNumber(lr, 3)}`, color: colors[i]!, width: 2 })),
  });
  race = new Race({
    surface: s,
    noisy: controls.noisy.checked,
    optimizer: choice.spec,
    schedule: scheduleChoices.find((c) => c.key === controls.schedule.value)!.spec,
    lrs,
    colors,
    steps,
    inside: (x, y) => plot.contains(x, y),
  });
  paused = false;
  pause.textContent = "Pause";
  drawRace();
  await animate(own);
}

function restartSafely(resetLrs: boolean): void {
  restart(resetLrs).catch((error: unknown) => showError(main, error));
}

controls.surface.addEventListener("change", () => restartSafely(true));
controls.kappa.addEventListener("input", () => restartSafely(true));
controls.optimizer.addEventListener("change", () => restartSafely(true));
for (const input of [controls.noisy, controls.schedule, controls.lrs, controls.steps]) input.addEventListener("change", () => restartSafely(false));
run.addEventListener("click", () => restartSafely(false));
pause.addEventListener("click", () => {
  paused = !paused;
  pause.textContent = paused ? "Resume" : "Pause";
  if (!paused) animate(generation).catch((error: unknown) => showError(main, error));
});

try {
  const device = await initEngine("webgpu");
  engineLine.textContent = `jax-js on ${device}${device === "wasm" ? ` (${crossOriginIsolated ? `${navigator.hardwareConcurrency} threads` : "one thread: the page is not cross-origin isolated"})` : ""}`;
  engineLine.dataset.device = device;
  const first = restart(true);
  markReady();
  await first;
} catch (error) {
  showError(main, error);
  markReady();
}
