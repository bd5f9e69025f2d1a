import { describe, expect, it } from "vitest";
import { jax } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { createOptimizer, type Hyper, type OptimizerSpec } from "./index.js";
import { splitParams, torchCase, valuesOf } from "./testing/replay.js";

const np = jax.numpy;
const c = torchCase("Adam_amsgrad_wd");

async function train(spec: OptimizerSpec, hyper: (t: number) => Hyper = () => ({})): Promise<number[]> {
  const optimizer = createOptimizer(spec);
  let params = splitParams(c.init, np.float64);
  let state = optimizer.init(params);
  for (let t = 0; t < 8; t++) {
    const h = hyper(t);
    [params, state] = optimizer.step(params, splitParams(c.grads[t]!, np.float64), state, h);
    jax.tree.dispose(h);
  }
  const values = await valuesOf(params);
  jax.tree.dispose([params, state]);
  return values;
}

const f64 = (value: number) => np.array(value, { dtype: np.float64 });

describe("per-step hyperparameters", () => {
  it.each([
    { type: "SGD", lr: 0.01, momentum: 0.9, weight_decay: 0.01 },
    { type: "AdamW", lr: 0.01, amsgrad: true },
    { type: "Adagrad", lr: 0.1, lr_decay: 0.01 },
    { type: "AdamWScheduleFree", lr: 0.01, warmup_steps: 3 },
  ] as OptimizerSpec[])("hyper.lr (number or 0-d array) equals a spec with that lr: $type", async (spec) => {
    const expected = await train({ ...spec, lr: 0.003 });
    expect(await train(spec, () => ({ lr: 0.003 }))).toEqual(expected);
    expect(await train(spec, () => ({ lr: f64(0.003) }))).toEqual(expected);
  });

  it.each([
    [{ type: "SGD", lr: 0.01, momentum: 0.9, nesterov: true }, { type: "SGD", lr: 0.01, momentum: 0.7, nesterov: true }],
    [{ type: "RMSprop", momentum: 0.9 }, { type: "RMSprop", momentum: 0.7 }],
    [{ type: "Adam", betas: [0.9, 0.99] }, { type: "Adam", betas: [0.7, 0.99] }],
    [{ type: "NAdam" }, { type: "NAdam", betas: [0.7, 0.999] }],
    [{ type: "Lion", lr: 0.01 }, { type: "Lion", lr: 0.01, betas: [0.7, 0.99] }],
  ] as [OptimizerSpec, OptimizerSpec][])("a constant hyper.momentum equals a spec with that momentum or beta1: %o", async (spec, same) => {
    expect(await train(spec, () => ({ momentum: f64(0.7) }))).toEqual(await train(same));
  });

  it("a varying hyper.momentum changes the trajectory (it is read every step)", async () => {
    const constant = await train({ type: "Adam" }, () => ({ momentum: 0.9 }));
    const cycled = await train({ type: "Adam" }, (t) => ({ momentum: 0.95 - 0.01 * t }));
    expect(cycled).not.toEqual(constant);
  });

  it.each([{ type: "Adagrad" }, { type: "SGD", lr: 0.1 }, { type: "Rprop" }] as OptimizerSpec[])(
    "hyper.momentum is an error when there is no momentum to set: $type",
    (spec) => {
      const optimizer = createOptimizer(spec);
      const params = splitParams(c.init, np.float64);
      const state = optimizer.init(params);
      let error: unknown;
      try {
        optimizer.step(params, splitParams(c.grads[0]!, np.float64), state, { momentum: 0.9 });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain(`hyper.momentum was given, but this ${spec.type} has no momentum or beta1 to set`);
      jax.tree.dispose([params, state]);
    },
  );

  it("Rprop ignores hyper.lr (lr is only its initial step size)", async () => {
    expect(await train({ type: "Rprop" }, () => ({ lr: 0.5 }))).toEqual(await train({ type: "Rprop" }));
  });
});
