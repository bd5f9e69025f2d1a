/**
 * Training on MNIST in the browser: the seed CNN or an MLP on the bundled subset (2,000 training
 * and 500 test digits, made at build time by `build/mnist-subset.ts`), through lrkit's own
 * `runTraining` with the chosen optimizer and schedule, its loss and η drawn live. The trainer's
 * divergence guard stops a run whose loss explodes, as `lrkit train` does.
 */
import { idxDataset, parseIdxImages, parseIdxLabels, runTraining, type Callback, type TrainState, type TrainTest } from "../../core.js";
import { Chart } from "../lib/chart.js";
import { h } from "../lib/dom.js";
import { formatNumber } from "../lib/format.js";
import { colorAt } from "../lib/palette.js";
import { smoothFinite } from "../lib/series.js";
import { optimizerChoices, scheduleChoices } from "./choices.js";

const BATCH_SIZE = 64;
const models = {
  mlp: { label: "MLP 784-128-10", spec: { preset: "mlp", hidden: [128] } },
  cnn: { label: "seed CNN (34,826 parameters)", spec: { preset: "cnn" } },
} as const;

async function gunzip(path: string): Promise<Uint8Array> {
  const response = await fetch(path);
  if (!response.ok || !response.body) throw new Error(`${path}: ${response.status} ${response.statusText} (the MNIST subset is made by the build from ../shared/datasets/mnist)`);
  return new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
}

async function loadSubset(): Promise<TrainTest> {
  const part = async (name: "train" | "test") => {
    const [images, labels] = await Promise.all([gunzip(`/data/mnist-${name}-images.idx.gz`), gunzip(`/data/mnist-${name}-labels.idx.gz`)]);
    return idxDataset(parseIdxImages(images, `mnist subset ${name} images`), parseIdxLabels(labels, `mnist subset ${name} labels`), { name: `mnist-subset/${name}` });
  };
  const [train, test] = await Promise.all([part("train"), part("test")]);
  return { train, test };
}

function select(id: string, options: readonly { key: string; label: string }[], value: string): HTMLSelectElement {
  const element = h("select", { id }, ...options.map((o) => h("option", { value: o.key }, o.label)));
  element.value = value;
  return element;
}

export function mnistPanel(): HTMLElement {
  const model = select("mnist-model", Object.entries(models).map(([key, m]) => ({ key, label: m.label })), "mlp");
  const optimizer = select("mnist-optimizer", optimizerChoices, "adam");
  const schedule = select("mnist-schedule", scheduleChoices, "onecycle");
  const lr = h("input", { id: "mnist-lr", type: "text", value: "0.003", size: 8 });
  const epochs = h("input", { id: "mnist-epochs", type: "number", min: 1, max: 10, value: 2 });
  const train = h("button", { id: "mnist-train", class: "button" }, "Train");
  const stop = h("button", { id: "mnist-stop", class: "button secondary", disabled: true }, "Stop");
  const status = h("p", { class: "status-line", id: "mnist-status" }, "The subset loads when you press Train.");
  const charts = h("div", { class: "chart-grid" });
  const section = h(
    "section",
    { class: "panel", id: "mnist-panel" },
    h("h2", null, "Train on MNIST in the browser"),
    h(
      "div",
      { class: "controls" },
      h("label", null, "model", model),
      h("label", null, "optimizer", optimizer),
      h("label", null, "η", lr),
      h("label", null, "schedule", schedule),
      h("label", null, "epochs", epochs),
      train,
      stop,
    ),
    status,
    charts,
  );
  const lossChart = new Chart(charts, {
    id: "mnist-loss-chart",
    title: "training loss per step",
    xLabel: "step",
    yLabel: "loss",
    logY: true,
    series: [
      { label: "loss", color: "#a8c4e0", width: 1 },
      { label: "smoothed", color: colorAt(0), width: 2 },
    ],
  });
  const lrChart = new Chart(charts, { id: "mnist-lr-chart", title: "learning rate η", xLabel: "step", yLabel: "η", series: [{ label: "η", color: colorAt(1), width: 2 }] });

  let data: Promise<TrainTest> | undefined;
  let stopRequested = false;
  stop.addEventListener("click", () => (stopRequested = true));
  train.addEventListener("click", async () => {
    const eta = Number(lr.value);
    if (!(eta > 0)) {
      status.textContent = `η must be a positive number; got "${lr.value}"`;
      return;
    }
    train.disabled = true;
    stop.disabled = false;
    stopRequested = false;
    section.dataset.state = "training";
    const log = { step: [] as number[], loss: [] as number[], lr: [] as number[] };
    let frame = 0;
    const draw = () => {
      frame = 0;
      lossChart.setData(log.step, [log.loss, smoothFinite(log.loss)]);
      lrChart.setData(log.step, [log.lr]);
    };
    try {
      status.textContent = "loading the MNIST subset…";
      data ??= loadSubset();
      const subset = await data;
      const choice = optimizerChoices.find((o) => o.key === optimizer.value)!;
      const nEpochs = Math.min(Math.max(Math.round(Number(epochs.value)) || 1, 1), 10);
      // The schedule spans the run (val_fraction 0.1 leaves 90 % of the subset to train on); for
      // OneCycleLR the trainer fills total_steps itself, exactly.
      const steps = nEpochs * Math.ceil((subset.train.n * 0.9) / BATCH_SIZE);
      const spec = scheduleChoices.find((s) => s.key === schedule.value)!.spec(eta, steps);
      const { total_steps: _inferred, ...scheduler } = spec ?? {};
      const live: Callback = {
        afterBatch: async (state: TrainState) => {
          log.step.push(state.step);
          log.loss.push(state.loss);
          log.lr.push(state.lr);
          status.textContent = `epoch ${state.epoch + 1}/${nEpochs} · step ${state.step + 1} · loss ${formatNumber(state.loss)} · η ${formatNumber(state.lr)}`;
          if (stopRequested) state.stop = { kind: "user", reason: "stopped from the page" };
          frame ||= requestAnimationFrame(draw);
          // Give the page a turn to paint between steps.
          await new Promise((resolve) => setTimeout(resolve, 0));
        },
      };
      const result = await runTraining(
        {
          model: models[model.value as keyof typeof models].spec,
          optimizer: choice.spec(eta),
          ...(spec ? { scheduler } : {}),
          epochs: nEpochs,
          batch_size: BATCH_SIZE,
        },
        { data: subset, callbacks: [live], where: "playground" },
      );
      draw();
      const accuracy = result.metrics.test.accuracy;
      status.textContent = `${result.stopped ? `stopped: ${result.stopped.reason}; ` : ""}${result.steps} steps in ${result.wall_seconds.toFixed(1)} s · test accuracy ${formatNumber(accuracy)} on ${subset.test.n} digits`;
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      train.disabled = false;
      stop.disabled = true;
      section.dataset.state = "idle";
    }
  });
  return section;
}
