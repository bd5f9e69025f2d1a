import { describe, expect, it } from "vitest";
import { jax, type Params } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { createOptimizer, type Hyper, type OptimizerSpec } from "./index.js";
import { splitParams, torchCase } from "./testing/replay.js";

const np = jax.numpy;
const c = torchCase("AdamW");

/** Each parameter's values after replaying the AdamW case's gradients through `spec`. */
async function train(spec: OptimizerSpec, hyper: (t: number) => Hyper = () => ({})): Promise<Record<string, number[]>> {
  const optimizer = createOptimizer(spec);
  let params = splitParams(c.init, np.float64);
  let state = optimizer.init(params);
  for (let t = 0; t < 10; t++) {
    const h = hyper(t);
    [params, state] = optimizer.step(params, splitParams(c.grads[t]!, np.float64), state, h);
    jax.tree.dispose(h);
  }
  const out: Record<string, number[]> = {};
  for (const [name, p] of Object.entries(params)) out[name] = [...(await p.data())];
  jax.tree.dispose(state);
  return out;
}

const groupError = (spec: OptimizerSpec, names: string[]): ConfigError => {
  const optimizer = createOptimizer(spec);
  const params: Params = Object.fromEntries(names.map((n) => [n, np.zeros([2], { dtype: np.float64 })]));
  try {
    optimizer.init(params);
  } catch (e) {
    return e as ConfigError;
  } finally {
    jax.tree.dispose(params);
  }
  throw new Error("expected a ConfigError");
};

describe("parameter groups", () => {
  it("no weight decay on biases gives exactly the no-decay result for them, and the decayed one elsewhere", async () => {
    const grouped = await train({ type: "AdamW", lr: 0.01, weight_decay: 0.1, param_groups: [{ params: ["*.bias"], weight_decay: 0 }] });
    const decayed = await train({ type: "AdamW", lr: 0.01, weight_decay: 0.1 });
    const plain = await train({ type: "AdamW", lr: 0.01, weight_decay: 0 });
    expect(grouped["layer.bias"]).toEqual(plain["layer.bias"]);
    expect(grouped["layer.weight"]).toEqual(decayed["layer.weight"]);
    expect(grouped["layer.bias"]).not.toEqual(decayed["layer.bias"]);
  });

  it("a smaller lr for one group steps that group as a spec with that lr", async () => {
    const grouped = await train({ type: "SGD", lr: 1e-3, momentum: 0.9, param_groups: [{ params: ["layer.weight"], lr: 1e-4 }] });
    const small = await train({ type: "SGD", lr: 1e-4, momentum: 0.9 });
    const large = await train({ type: "SGD", lr: 1e-3, momentum: 0.9 });
    expect(grouped["layer.weight"]).toEqual(small["layer.weight"]);
    expect(grouped["layer.bias"]).toEqual(large["layer.bias"]);
  });

  it("the first matching group wins", async () => {
    const spec: OptimizerSpec = {
      type: "Adam",
      lr: 0.01,
      param_groups: [
        { params: ["layer.bias"], lr: 0.002 },
        { params: ["layer.*"], lr: 0.005 },
      ],
    };
    const grouped = await train(spec);
    expect(grouped["layer.bias"]).toEqual((await train({ type: "Adam", lr: 0.002 }))["layer.bias"]);
    expect(grouped["layer.weight"]).toEqual((await train({ type: "Adam", lr: 0.005 }))["layer.weight"]);
  });

  it("hyper.lr scales a group with its own lr by the same factor as the top level", async () => {
    const spec: OptimizerSpec = { type: "SGD", lr: 0.01, momentum: 0.5, param_groups: [{ params: ["*.bias"], lr: 0.001 }] };
    const factor = (t: number) => 1 / (1 + t);
    const scheduled = await train(spec, (t) => ({ lr: np.array(0.01 * factor(t), { dtype: np.float64 }) }));
    const biasAlone = await train({ type: "SGD", lr: 0.001, momentum: 0.5 }, (t) => ({ lr: 0.001 * factor(t) }));
    const weightAlone = await train({ type: "SGD", lr: 0.01, momentum: 0.5 }, (t) => ({ lr: 0.01 * factor(t) }));
    expect(scheduled["layer.weight"]).toEqual(weightAlone["layer.weight"]);
    scheduled["layer.bias"]!.forEach((v, i) => expect(v).toBeCloseTo(biasAlone["layer.bias"]![i]!, 14));
  });

  it("resolves each group's options over the top level, and PyTorch's defaults", () => {
    const optimizer = createOptimizer({ type: "AdamW", lr: 1e-3, param_groups: [{ params: ["*.bias", "*norm*"], weight_decay: 0 }] });
    expect(optimizer.defaults).toEqual({ type: "AdamW", lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01, amsgrad: false, maximize: false });
    expect(optimizer.paramGroups).toEqual([
      { params: ["*.bias", "*norm*"], lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false },
    ]);
  });

  it("a pattern that matches no parameter is an error at init naming the pattern and the parameters", () => {
    const e = groupError({ type: "AdamW", param_groups: [{ params: ["*.bias"], weight_decay: 0 }, { params: ["conv1.*", "conv9.*"], lr: 1e-4 }] }, [
      "conv1.weight",
      "conv1.bias",
      "fc.weight",
    ]);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.where).toBe("optimizer.param_groups[1]");
    expect(e.key).toBe("params");
    expect(e.value).toBe("conv9.*");
    expect(e.message).toBe('optimizer.param_groups[1].params: pattern "conv9.*" matches no parameter; parameters: conv1.weight, conv1.bias, fc.weight');
  });

  it("hyper.lr with a group's own lr under a top-level lr of 0 is an error", () => {
    const optimizer = createOptimizer({ type: "SGD", lr: 0, param_groups: [{ params: ["*.bias"], lr: 0.1 }] });
    const params = splitParams(c.init, np.float64);
    const state = optimizer.init(params);
    expect(() => optimizer.step(params, splitParams(c.grads[0]!, np.float64), state, { lr: 0.1 })).toThrow(
      "optimizer.param_groups[0].lr: hyper.lr cannot be scaled to this group's own lr when the top-level lr is 0",
    );
  });
});
