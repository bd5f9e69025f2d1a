import { describe, expect, it } from "vitest";
import { jax, type Params } from "../engine/index.js";
import { createOptimizer } from "./index.js";

const np = jax.numpy;

describe("createOptimizer", () => {
  it("keeps each parameter's dtype and shape, including 0-d parameters and mixed dtypes", async () => {
    const optimizer = createOptimizer({ type: "AdamW", lr: 0.1 });
    let params: Params = {
      scale: np.array(2, { dtype: np.float64 }),
      "head.weight": np.array([[1, 2]], { dtype: np.float32 }),
    };
    let state = optimizer.init(params);
    const grads = () => ({ scale: np.array(0.5, { dtype: np.float64 }), "head.weight": np.array([[0.1, -0.1]], { dtype: np.float32 }) });
    for (let t = 0; t < 3; t++) [params, state] = optimizer.step(params, grads(), state);
    expect(Object.keys(params)).toEqual(["scale", "head.weight"]);
    expect(params.scale!.shape).toEqual([]);
    expect(params.scale!.dtype).toBe(np.float64);
    expect(params["head.weight"]!.shape).toEqual([1, 2]);
    expect(params["head.weight"]!.dtype).toBe(np.float32);
    expect(await params.scale!.ref.data()).not.toEqual(new Float64Array([2]));
    jax.tree.dispose([params, state]);
  });

  it("keeps the parameters' order whatever the groups", () => {
    const optimizer = createOptimizer({ type: "SGD", param_groups: [{ params: ["b"], lr: 0.1 }] });
    let params: Params = { a: np.zeros([1]), b: np.zeros([1]), c: np.zeros([1]) };
    let state = optimizer.init(params);
    [params, state] = optimizer.step(params, { c: np.ones([1]), b: np.ones([1]), a: np.ones([1]) }, state);
    expect(Object.keys(params)).toEqual(["a", "b", "c"]);
    jax.tree.dispose([params, state]);
  });

  it("says which gradients do not match the parameters", () => {
    const optimizer = createOptimizer({ type: "SGD" });
    const params: Params = { a: np.zeros([1]), b: np.zeros([1]) };
    const state = optimizer.init(params);
    const grads = { a: np.ones([1]), z: np.ones([1]) };
    expect(() => optimizer.step(params, grads, state)).toThrow("gradients do not match parameters (missing: b; unexpected: z)");
    jax.tree.dispose([params, state, grads]);
  });

  it("evalParams is the parameters themselves except for Schedule-Free", async () => {
    const optimizer = createOptimizer({ type: "Adam" });
    const params: Params = { w: np.array([1, 2], { dtype: np.float64 }) };
    const state = optimizer.init(params);
    const evaluated = optimizer.evalParams(params, state);
    expect(await evaluated.w!.data()).toEqual(new Float64Array([1, 2]));
    expect(params.w!.refCount).toBe(1);
    jax.tree.dispose([params, state]);
  });

  it("maximize ascends: it equals minimizing the negated gradients", async () => {
    const run = async (maximize: boolean) => {
      const optimizer = createOptimizer({ type: "Adam", lr: 0.1, weight_decay: 0.1, maximize });
      let params: Params = { w: np.array([1, -2], { dtype: np.float64 }) };
      let state = optimizer.init(params);
      const sign = maximize ? 1 : -1;
      for (let t = 0; t < 3; t++) [params, state] = optimizer.step(params, { w: np.array([sign * 0.3, sign * (t - 1)], { dtype: np.float64 }) }, state);
      jax.tree.dispose(state);
      return [...(await params.w!.data())];
    };
    expect(await run(true)).toEqual(await run(false));
  });
});
