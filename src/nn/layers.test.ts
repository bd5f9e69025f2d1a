import { describe, expect, it } from "vitest";
import { jax } from "../engine/index.js";
import { batchNorm1d, batchNorm2d, conv2d, initContext, layerNorm, linear, maxPool2d, sequential } from "./index.js";

const np = jax.numpy;

describe("layer shape errors name both shapes", () => {
  it("at init (model vs example shape)", () => {
    expect(() => linear(5, 3).outputShape([4])).toThrow(/Linear\(in_features=5.*input shape \[4\] does not fit; expected \[\.\.\., 5\]/);
    expect(() => conv2d(3, 8, 3).outputShape([1, 28, 28])).toThrow(/input shape \[1, 28, 28\].*expected \[3, H, W\]/);
    expect(() => batchNorm2d(4).outputShape([3, 5, 5])).toThrow(/BatchNorm2d\(4.*\[3, 5, 5\].*\[4, ·, ·\]/);
    expect(() => layerNorm(6).outputShape([4, 5])).toThrow(/LayerNorm\(\[6\].*\[4, 5\]/);
    expect(() => maxPool2d(2, { padding: 2 })).toThrow(/padding should be at most half of the kernel size/);
  });

  it("at apply (data vs layer)", () => {
    expect(() => linear(5, 3).apply({}, {}, np.zeros([2, 4]), { train: false })).toThrow(/got a batch of shape \[2, 4\]; expected \[batch, \.\.\., 5\]/);
    expect(() => conv2d(3, 8, 3).apply({}, {}, np.zeros([2, 1, 8, 8]), { train: false })).toThrow(/got a batch of shape \[2, 1, 8, 8\]; expected \[batch, 3, H, W\]/);
  });

  it("BatchNorm refuses to train on one value per channel, as PyTorch", () => {
    const bn = batchNorm1d(3);
    const { params, buffers } = bn.init(initContext(), [3]);
    expect(() => bn.apply(params, buffers, np.zeros([1, 3]), { train: true })).toThrow(/more than 1 value per channel when training/);
    jax.tree.dispose([params, buffers]);
  });

  it("BatchNorm in eval mode leaves its buffers as they were; in train mode counts batches", async () => {
    const model = sequential(conv2d(1, 2, 3), batchNorm2d(2));
    const { params, buffers } = model.init(initContext({ seed: 2 }), [1, 5, 5]);
    const x = jax.random.normal(jax.random.key(0), [3, 1, 5, 5]);
    const evalOut = model.apply(params, buffers, x.ref, { train: false });
    expect(await evalOut.buffers["1.running_var"]!.ref.jsAsync()).toEqual([1, 1]);
    const trainOut = model.apply(params, buffers, x, { train: true });
    expect(await trainOut.buffers["1.num_batches_tracked"]!.ref.jsAsync()).toBe(1);
    expect(await trainOut.buffers["1.running_var"]!.ref.jsAsync()).not.toEqual([1, 1]);
    jax.tree.dispose([params, buffers, evalOut, trainOut]);
  });
});
