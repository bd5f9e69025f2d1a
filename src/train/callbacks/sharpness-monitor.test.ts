import { describe, expect, it } from "vitest";
import { createDataset } from "../../data/index.js";
import { jax } from "../../engine/index.js";
import { createLoss, createModel } from "../../nn/index.js";
import { createOptimizer } from "../../optim/index.js";
import { batchSource } from "../batches.js";
import { createTrainer } from "../trainer.js";
import { sharpnessMonitor } from "./sharpness-monitor.js";

describe("sharpnessMonitor", () => {
  it("probes every 5 steps on the first batch and records finite positive sharpness beside 2/η", async () => {
    const n = 64;
    const x = Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i));
    const y = Float32Array.from({ length: n }, (_, i) => Math.cos(i));
    const data = createDataset({ name: "synthetic", task: "regression", n, x, y, sampleShape: [4] });
    const model = createModel({ preset: "mlp", hidden: [8] }, [4], 1);
    const mse = createLoss({ type: "MSELoss" });
    const loss = (o: jax.Array, t: jax.Array) => mse(o.reshape([o.shape[0]!]), t);
    const lr = 0.05;
    const trainer = createTrainer({ model, loss, optimizer: createOptimizer({ type: "SGD", lr }), lr });
    const train = batchSource(data, { batchSize: 16, seed: 0 });
    const [first] = train.epoch(0);
    const monitor = sharpnessMonitor({ model, loss, batch: first!, every: 5, iters: 10 });
    const { params, buffers } = model.init({ seed: 0 });
    const out = await trainer.fit({ params, buffers, train, epochs: 5, seed: 0, callbacks: [monitor] });
    expect(out.steps).toBe(20);
    expect(monitor.rows.map((r) => r.step)).toEqual([0, 5, 10, 15]);
    for (const row of monitor.rows) {
      expect(Number.isFinite(row.sharpness) && row.sharpness > 0).toBe(true);
      expect(row.threshold).toBeCloseTo(2 / lr, 10);
    }
    trainer.dispose();
    jax.tree.dispose([out.params, out.buffers, out.optState]);
  });
});
