import { describe, expect, it } from "vitest";
import { createDataset } from "../data/index.js";
import { jax } from "../engine/index.js";
import { createLoss, createModel } from "../nn/index.js";
import { createOptimizer } from "../optim/index.js";
import { trackLiveBuffers } from "../optim/testing/live-buffers.js";
import { createScheduler } from "../schedules/index.js";
import { batchSource } from "./batches.js";
import { scheduleLr } from "./callbacks/schedule-lr.js";
import { createTrainer } from "./trainer.js";

describe("memory", () => {
  it("stays flat over 10,000 jitted steps with a schedule driving η", async () => {
    const n = 64;
    const x = Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i));
    const y = Float32Array.from({ length: n }, (_, i) => Math.cos(i));
    const data = createDataset({ name: "synthetic", task: "regression", n, x, y, sampleShape: [4] });
    const model = createModel({ preset: "mlp", hidden: [8] }, [4], 1);
    const mse = createLoss({ type: "MSELoss" });
    const optimizer = createOptimizer({ type: "AdamW", lr: 1e-3 });
    const scheduler = createScheduler({ type: "CosineAnnealingWarmRestarts", T_0: 100 }, 1e-3);
    const trainer = createTrainer({ model, loss: (o, t) => mse(o.reshape([o.shape[0]!]), t), optimizer, lr: 1e-3 });
    const live = await trackLiveBuffers();
    const counts: number[] = [];
    const { params, buffers } = model.init({ seed: 0 });
    const out = await trainer.fit({
      params,
      buffers,
      train: batchSource(data, { batchSize: 8, seed: 0 }),
      epochs: 1250,
      seed: 0,
      callbacks: [scheduleLr(scheduler), { afterEpoch: (s) => void (s.epoch % 125 === 124 && counts.push(live.count())) }],
    });
    expect(out.steps).toBe(10_000);
    expect(counts).toHaveLength(10);
    expect(Math.max(...counts)).toBe(Math.min(...counts));
    trainer.dispose();
    jax.tree.dispose([out.params, out.buffers, out.optState]);
  }, 120_000);
});
