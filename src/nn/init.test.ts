import { describe, expect, it } from "vitest";
import { jax } from "../engine/index.js";
import type { Params } from "../engine/index.js";
import { batchNorm2d, conv2d, createModel, initContext, layerNorm, linear } from "./index.js";

/** The values of params[name], leaving the array alive. */
async function values(params: Params, name: string): Promise<number[]> {
  return Array.from(await params[name]!.ref.data());
}

describe("PyTorch's default initialisation", () => {
  it("draws Linear weight and bias from U(−1/√fan_in, 1/√fan_in)", async () => {
    const { params } = linear(400, 300).init(initContext({ seed: 7 }), [400]);
    const bound = 1 / Math.sqrt(400);
    for (const name of ["weight", "bias"]) {
      const v = await values(params, name);
      expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(bound);
      expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    }
    const w = await values(params, "weight");
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.01 * bound);
    expect(variance / (bound * bound / 3)).toBeCloseTo(1, 1);
  });

  it("uses fan_in = in_channels · kh · kw for Conv2d", async () => {
    const { params } = conv2d(16, 8, [3, 5]).init(initContext({ seed: 1 }), [16, 9, 9]);
    const bound = 1 / Math.sqrt(16 * 3 * 5);
    expect(params.weight!.shape).toEqual([8, 16, 3, 5]);
    for (const name of ["weight", "bias"]) {
      const v = await values(params, name);
      expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(bound);
      expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(0.8 * bound);
    }
  });

  it("starts BatchNorm and LayerNorm at weight 1, bias 0, running stats 0 and 1", async () => {
    const bn = batchNorm2d(3).init(initContext(), [3, 4, 4]);
    expect(await values(bn.params, "weight")).toEqual([1, 1, 1]);
    expect(await values(bn.params, "bias")).toEqual([0, 0, 0]);
    expect(await values(bn.buffers, "running_mean")).toEqual([0, 0, 0]);
    expect(await values(bn.buffers, "running_var")).toEqual([1, 1, 1]);
    expect(await values(bn.buffers, "num_batches_tracked")).toEqual([0]);
    const ln = layerNorm([2, 3]).init(initContext(), [4, 2, 3]);
    expect(ln.params.weight!.shape).toEqual([2, 3]);
    expect(await values(ln.params, "weight")).toEqual([1, 1, 1, 1, 1, 1]);
    jax.tree.dispose([bn.params, bn.buffers, ln.params]);
  });

  it("is deterministic per seed and differs between seeds", async () => {
    const model = createModel({ preset: "mlp", hidden: [8] }, [5], 2);
    const a = model.init({ seed: 42 }).params;
    const b = model.init({ seed: 42 }).params;
    const c = model.init({ seed: 43 }).params;
    for (const name of Object.keys(a)) {
      expect(await values(b, name)).toEqual(await values(a, name));
      expect(await values(c, name)).not.toEqual(await values(model.init({ seed: 42 }).params, name));
    }
  });

  it("the same seed in float64 gives the float32 values before rounding", async () => {
    const model = createModel({ preset: "linear" }, [6], 3);
    const single = model.init({ seed: 5 }).params;
    const double = model.init({ seed: 5, dtype: jax.numpy.float64 }).params;
    expect(double["1.weight"]!.dtype).toBe(jax.numpy.float64);
    const s = await values(single, "1.weight");
    const d = await values(double, "1.weight");
    expect(s).toEqual(d.map(Math.fround));
  });

  it("rejects other dtypes and non-integer seeds", () => {
    expect(() => initContext({ dtype: jax.numpy.int32 })).toThrow(/dtype "int32".*float32, float64/);
    expect(() => initContext({ seed: 1.5 })).toThrow(/seed/);
  });
});
