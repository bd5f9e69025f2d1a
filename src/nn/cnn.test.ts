import { describe, expect, it } from "vitest";
import { jax, type JaxArray } from "../engine/index.js";
import type { Params } from "../engine/index.js";
import { countParameters, createModel, crossEntropyLoss } from "./index.js";

const np = jax.numpy;

describe("the seed CNN preset", () => {
  it("has PyTorch's parameter names, shapes and count for MNIST (34,826)", () => {
    const model = createModel({ preset: "cnn" }, [1, 28, 28], 10);
    expect(model.outputShape).toEqual([10]);
    const { params, buffers } = model.init({ seed: 1 });
    const shapes = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.shape]));
    expect(shapes).toEqual({
      "0.weight": [32, 1, 3, 3],
      "0.bias": [32],
      "3.weight": [64, 32, 3, 3],
      "3.bias": [64],
      "7.weight": [10, 1600],
      "7.bias": [10],
    });
    expect(countParameters(params)).toBe(32 * 9 + 32 + 64 * 32 * 9 + 64 + 1600 * 10 + 10);
    expect(buffers).toEqual({});
    jax.tree.dispose(params);
  });

  it("works for 3×32×32 images (2304 features)", () => {
    const model = createModel({ preset: "cnn" }, [3, 32, 32], 10);
    const { params } = model.init();
    expect(params["7.weight"]!.shape).toEqual([10, 64 * 6 * 6]);
    jax.tree.dispose(params);
  });

  it("gives finite gradients for every parameter from a jitted valueAndGrad of cnn + cross-entropy at batch 64", async () => {
    const model = createModel({ preset: "cnn" }, [1, 28, 28], 10);
    const { params, buffers } = model.init({ seed: 0 });
    const x = jax.random.uniform(jax.random.key(1), [64, 1, 28, 28]);
    const labels = np.array(Int32Array.from({ length: 64 }, (_, i) => i % 10), { dtype: np.int32 });
    const step = jax.jit((p: Params, b: Params, x: JaxArray, y: JaxArray) =>
      jax.valueAndGrad((p: Params) => crossEntropyLoss(model.apply(p, b, x, { train: true }).y, y))(p),
    );
    const shapes = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.shape]));
    const [loss, grads] = step(params, buffers, x, labels);
    const value = await loss.jsAsync();
    expect(value).toBeGreaterThan(1.5);
    expect(value).toBeLessThan(3.5);
    expect(Object.keys(grads).sort()).toEqual(Object.keys(params).sort());
    for (const [name, g] of Object.entries(grads)) {
      expect(g.shape, name).toEqual(shapes[name]);
      const values = await g.data();
      expect(Array.from(values).every(Number.isFinite), name).toBe(true);
      expect(Array.from(values).some((v) => v !== 0), name).toBe(true);
    }
    step.dispose();
  });
});
