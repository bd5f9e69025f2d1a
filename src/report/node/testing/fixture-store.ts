/**
 * A run store for the report tests, built from constructed rows: a good train run, a diverged
 * one whose name and config hold HTML, an LR range test, and a sweep of four trials as
 * `lrkit sweep` records them (one stopped early by ASHA, one without a finite value, one run
 * again after its first run failed).
 */
import { openStore } from "../../../store/index.js";

export interface FixtureIds {
  good: string;
  diverged: string;
  find: string;
  /** A range test whose minimum rule found an η, as the one `lrkit study` runs first. */
  studyFind: string;
  sweep: string;
  trials: string[];
}

export const evilName = `<script>alert("pwned")</script>`;

export function buildFixtureStore(path: string): FixtureIds {
  const store = openStore(path);
  const steps = (n: number, lr: (i: number) => number, loss: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => ({ step: i, epoch: Math.floor(i / 20), lr: lr(i), loss: loss(i), gradNorm: 1 + loss(i) }));

  const good = store.createRun({ name: "iris good", kind: "train", config: { optimizer: { type: "SGD", lr: 0.1 }, scheduler: { type: "StepLR", step_size: 40, gamma: 0.1 }, epochs: 3 } });
  store.logSteps(good, steps(60, (i) => (i < 40 ? 0.1 : 0.01), (i) => 2 * Math.exp(-i / 8) + 0.01));
  for (const epoch of [0, 1, 2]) {
    store.logEpoch(good, { epoch, step: 20 * (epoch + 1), lr: epoch < 2 ? 0.1 : 0.01, trainLoss: 1 / (epoch + 1), val: { loss: 1.2 / (epoch + 1), accuracy: 0.6 + 0.1 * epoch }, seconds: 0.5 });
  }
  store.finishRun(good, { status: "completed", metrics: { val: { loss: 0.4, accuracy: 0.8 }, test: { loss: 0.4567, accuracy: 0.7654 } }, summary: { stopped: null } });

  const diverged = store.createRun({ name: evilName, kind: "train", config: { optimizer: { type: "SGD", lr: 3 }, note: "</pre><script>bad()</script>" } });
  store.logSteps(diverged, steps(40, () => 3, (i) => (i < 30 ? 2 - i * 0.01 : i === 30 ? NaN : Infinity)));
  const reason = "loss became NaN at step 30 with lr 3 <b>";
  store.finishRun(diverged, { status: "diverged", error: reason, metrics: { val: { loss: NaN } }, summary: { stopped: { kind: "non_finite", reason } } });

  const find = store.createRun({ kind: "find", config: { start_lr: 1e-6, end_lr: 10 } });
  const lrs = Array.from({ length: 50 }, (_, i) => 1e-6 * 10 ** (i / 7));
  const losses = lrs.map((lr) => 2.3 - 0.4 * Math.tanh(Math.log10(lr / 1e-3)) + (lr > 1 ? 3 : 0));
  store.finishRun(find, { status: "completed", summary: { lrs, losses, raw_losses: losses, suggestions: { steepest: 1e-3, valley: 2.5e-4, minimum: null }, stopped_early: true, stop_reason: "loss 7.3 > 4 × best 1.9 at lr 3.2", loss_kind: "train" } });

  const studyFind = store.createRun({ kind: "find", name: "study: LR range test", config: { optimizer: { type: "SGD", lr: 0.01, momentum: 0.9 } } });
  store.finishRun(studyFind, { status: "completed", summary: { lrs, losses, raw_losses: losses, suggestions: { valley: 2.5e-4, minimum: 1.23456e-3, steep: null }, stopped_early: false, stop_reason: null, loss_kind: "train" } });

  const sweep = store.createSweep({
    name: "lr grid",
    config: { optimizer: { type: "SGD" }, search: { method: "grid", metric: "loss", scheduler: "asha", space: { "optimizer.lr": { values: [1e-3, 1e-2, 1e-1, 1] } } } },
  });
  const finals = [0.9, 0.3, 0.5, NaN];
  const trial = (lr: number, k: number, status: "completed" | "stopped" | "diverged" | "failed") => {
    const id = store.createRun({ kind: "sweep-trial", name: `optimizer.lr=${lr}`, config: { optimizer: { type: "SGD", lr } }, sweepId: sweep, trialKey: `{"optimizer.lr":${lr}}` });
    if (status === "failed") {
      store.finishRun(id, { status, error: "interrupted", summary: { stopped_early: false } });
      return id;
    }
    store.logSteps(id, steps(20, () => lr, (i) => 2 - i * 0.01));
    const epochs = status === "stopped" ? 1 : 3;
    for (let e = 0; e < epochs; e++) store.logEpoch(id, { epoch: e, step: 10 * e, lr, trainLoss: 1, val: { loss: finals[k]! + (epochs - 1 - e) * 0.1 }, seconds: 0.1 });
    store.finishRun(id, { status, metrics: { val: { loss: finals[k]! }, test: {} }, summary: { stopped_early: status === "stopped" } });
    return id;
  };
  trial(1e-3, 0, "failed");
  const trials = [
    trial(1e-3, 0, "completed"),
    trial(1e-2, 1, "completed"),
    trial(1e-1, 2, "stopped"),
    trial(1, 3, "diverged"),
  ];
  store.finishSweep(sweep, { status: "completed" });
  store.close();
  return { good, diverged, find, studyFind, sweep, trials };
}
