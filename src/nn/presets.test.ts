import { describe, expect, it } from "vitest";
import { jax } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { countParameters, createModel, parseModelSpec } from "./index.js";

const np = jax.numpy;

function names(spec: unknown, inputShape: number[], outputs: number): Record<string, number[]> {
  const { params, buffers } = createModel(spec, inputShape, outputs).init();
  const shapes = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.shape]));
  jax.tree.dispose([params, buffers]);
  return shapes;
}

describe("model presets", () => {
  it("linear and logistic: Flatten → Linear, named as nn.Sequential", () => {
    expect(names({ preset: "linear" }, [13], 1)).toEqual({ "1.weight": [1, 13], "1.bias": [1] });
    expect(names({ preset: "logistic" }, [1, 28, 28], 10)).toEqual({ "1.weight": [10, 784], "1.bias": [10] });
  });

  it("mlp: hidden layers with the activation and dropout between", () => {
    expect(names({ preset: "mlp", hidden: [256] }, [784], 10)).toEqual({
      "1.weight": [256, 784],
      "1.bias": [256],
      "3.weight": [10, 256],
      "3.bias": [10],
    });
    expect(Object.keys(names({ preset: "mlp", hidden: [32, 16], activation: "gelu", dropout: 0.1 }, [8], 3))).toEqual([
      "1.weight",
      "1.bias",
      "4.weight",
      "4.bias",
      "7.weight",
      "7.bias",
    ]);
  });

  it("lenet5: 400 features for 1×28×28, 576 for 3×32×32", () => {
    const mnist = names({ preset: "lenet5" }, [1, 28, 28], 10);
    expect(mnist["0.weight"]).toEqual([6, 1, 5, 5]);
    expect(mnist["7.weight"]).toEqual([120, 400]);
    expect(mnist["11.weight"]).toEqual([10, 84]);
    expect(names({ preset: "lenet5" }, [3, 32, 32], 10)["7.weight"]).toEqual([120, 576]);
  });

  it("every preset runs forward on a batch to [batch, outputs]", async () => {
    const specs = [{ preset: "linear" }, { preset: "mlp", hidden: [16], activation: "tanh", dropout: 0.2 }, { preset: "cnn" }, { preset: "lenet5" }];
    for (const spec of specs) {
      const model = createModel(spec, [1, 12, 12], 4);
      const { params, buffers } = model.init({ seed: 3 });
      const { y } = model.apply(params, buffers, np.ones([2, 1, 12, 12]), { train: true, key: jax.random.key(0) });
      expect(y.shape, JSON.stringify(spec)).toEqual([2, 4]);
      expect(Array.from(await y.data()).every(Number.isFinite)).toBe(true);
      expect(model.outputShape).toEqual([4]);
      expect(countParameters(params)).toBeGreaterThan(0);
      jax.tree.dispose([params, buffers]);
    }
  });

  it("gives the mlp preset its documented defaults: one hidden layer of 256 ReLUs", () => {
    expect(parseModelSpec({ preset: "mlp" })).toEqual({ preset: "mlp", hidden: [256], activation: "relu" });
    const { params, buffers } = createModel({ preset: "mlp" }, [4], 2).init({ seed: 0 });
    expect(countParameters(params)).toBe(4 * 256 + 256 + 256 * 2 + 2);
    jax.tree.dispose([params, buffers]);
  });

  it("rejects unknown presets and keys with a ConfigError naming them", () => {
    expect(() => createModel({ preset: "resnet" }, [3, 32, 32], 10)).toThrow(ConfigError);
    expect(() => createModel({ preset: "cnnn" }, [3, 32, 32], 10)).toThrow(/model.preset.*"cnnn".*did you mean "cnn"/);
    expect(() => createModel({ preset: "mlp", hiden: [3] }, [4], 2)).toThrow(/unknown key "hiden".*did you mean "hidden"/);
    expect(() => createModel({ preset: "mlp", hidden: [] }, [4], 2)).toThrow(/model.hidden/);
    expect(() => createModel({ preset: "mlp", hidden: [8], activation: "swish" }, [4], 2)).toThrow(/model.activation/);
    expect(() => createModel({ preset: "mlp", hidden: [8], dropout: 1 }, [4], 2)).toThrow(/model.dropout/);
    expect(() => createModel({ preset: "linear" }, [4], 0)).toThrow(/out_features: must be a positive integer; got 0/);
  });

  it("names the shapes when the data does not fit the model", () => {
    expect(() => createModel({ preset: "cnn" }, [784], 10)).toThrow(/"cnn".*\[784\].*\[C, H, W\]/);
    expect(() => createModel({ preset: "cnn" }, [1, 5, 5], 10)).toThrow(/Conv2d\(32, 64.*input shape \[32, 1, 1\] does not fit; expected \[32, H, W\]/);
    const model = createModel({ preset: "cnn" }, [1, 28, 28], 10);
    const { params, buffers } = model.init();
    expect(() => model.apply(params, buffers, np.zeros([4, 3, 32, 32]), { train: false })).toThrow(
      /model: got a batch of shape \[4, 3, 32, 32\]; expected \[batch, 1, 28, 28\]/,
    );
    jax.tree.dispose([params, buffers]);
  });
});
