import { describe, expect, it } from "vitest";
import { createDataset } from "../data/index.js";
import { jax } from "../engine/index.js";
import { kernelThreads } from "../engine/node-threads.js";
import { createLoss, createModel } from "../nn/index.js";
import { createOptimizer } from "../optim/index.js";
import { batchSource } from "./batches.js";
import { kernelPlacement, type KernelPlacement } from "./kernel-placement.js";
import { createTrainer } from "./trainer.js";

const np = jax.numpy;

/** Reads `steps` small jitted results through a placement, recording where each ran. */
async function readThrough(placement: ReturnType<typeof kernelPlacement>, steps: number) {
  const f = jax.jit((x: jax.Array) => np.stack([np.sum(x.ref.mul(x.ref)), np.sum(x)]));
  const where: string[] = [];
  for (let i = 0; i < steps; i++) {
    await placement.beforeStep([]);
    where.push(placement.placement);
    const v = i % 64;
    const values = await placement.read(f(np.full([256], v)));
    expect(values[0]).toBe(256 * v * v);
  }
  f.dispose();
  return where;
}

describe("kernelPlacement", () => {
  it("has a pool to choose in these tests (Node with worker threads)", () => {
    expect(kernelThreads).toBeGreaterThan(1);
    expect(typeof Worker).toBe("function");
  });

  it("auto warms up on the pool, alternates 4 timed steps on each, then keeps one", async () => {
    const where = await readThrough(kernelPlacement("auto", "wasm"), 14);
    expect(where.slice(0, 9)).toEqual(["pool", "caller", "pool", "caller", "pool", "caller", "pool", "caller", "pool"]);
    expect(new Set(where.slice(9)).size).toBe(1);
  });

  it("probes again after 500 steps", async () => {
    const where = await readThrough(kernelPlacement("auto", "wasm"), 9 + 500 + 9);
    const kept = where[9]!;
    expect(new Set(where.slice(9, 509))).toEqual(new Set([kept]));
    expect(where.slice(509)).toEqual(["pool", "caller", "pool", "caller", "pool", "caller", "pool", "caller", "pool"]);
  });

  it("keeps a fixed choice, and reads asynchronously on other devices", async () => {
    expect(new Set(await readThrough(kernelPlacement("caller", "wasm"), 4))).toEqual(new Set(["caller"]));
    expect(new Set(await readThrough(kernelPlacement("pool", "wasm"), 4))).toEqual(new Set(["pool"]));
    expect(new Set(await readThrough(kernelPlacement("caller", "webgpu"), 4))).toEqual(new Set(["pool"]));
  });

  it("trains to bit-identical parameters on the pool, on the caller and when auto moves between them", async () => {
    const n = 96;
    const x = Float32Array.from({ length: n * 8 }, (_, i) => Math.sin(i * 0.37));
    const y = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 0.11));
    const data = createDataset({ name: "synthetic", task: "regression", n, x, y, sampleShape: [8] });
    const model = createModel({ preset: "mlp", hidden: [16] }, [8], 1);
    const mse = createLoss({ type: "MSELoss" });
    const weights = async (kernels: KernelPlacement) => {
      const trainer = createTrainer({ model, loss: (o, t) => mse(o.reshape([o.shape[0]!]), t), optimizer: createOptimizer({ type: "Adam", lr: 1e-2 }), lr: 1e-2, kernels });
      const { params, buffers } = model.init({ seed: 3 });
      const out = await trainer.fit({ params, buffers, train: batchSource(data, { batchSize: 8, seed: 0 }), epochs: 2, seed: 0 });
      trainer.dispose();
      const values = await Promise.all(Object.values(out.params).map((p) => p.data()));
      jax.tree.dispose([out.buffers, out.optState]);
      return values.map((v: ArrayLike<number>) => Array.from(v));
    };
    const pool = await weights("pool");
    expect(await weights("caller")).toEqual(pool);
    expect(await weights("auto")).toEqual(pool);
  });
});
