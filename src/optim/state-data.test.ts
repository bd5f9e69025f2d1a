import { describe, expect, it } from "vitest";
import { jax, type DType, type Params } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { createOptimizer, type Optimizer, type OptimizerSpec, type OptimizerStateData } from "./index.js";
import { splitParams, torchCase, valuesOf } from "./testing/replay.js";

const np = jax.numpy;
const c = torchCase("Adam");
const grads = (t: number, dtype: DType) => splitParams(c.grads[t]!, dtype);

const specs: OptimizerSpec[] = [
  { type: "SGD", lr: 1e-3, momentum: 0.9, dampening: 0.1 },
  { type: "AdamW", lr: 0.01, amsgrad: true, param_groups: [{ params: ["*.bias"], weight_decay: 0 }] },
  { type: "RMSprop", momentum: 0.5, centered: true },
  { type: "Adagrad", lr_decay: 0.01, initial_accumulator_value: 0.1 },
  { type: "NAdam" },
  { type: "RAdam" },
  { type: "Rprop" },
  { type: "LAMB", weight_decay: 0.01 },
  { type: "AdamWScheduleFree", warmup_steps: 2 },
  { type: "Prodigy", weight_decay: 0.01, use_bias_correction: true },
  { type: "DAdaptAdam", weight_decay: 0.01 },
  { type: "DoG" },
  { type: "Muon", lr: 0.02 },
  { type: "AdamW", lr: 0.01, cautious: true },
];

type Stepper = (optimizer: Optimizer) => Optimizer["step"];
const eager: Stepper = (optimizer) => optimizer.step;
const jitted: Stepper = (optimizer) => {
  const step = jax.jit(optimizer.step);
  return (p, g, s, h = {}) => step(p, g, s, jax.tree.ref(h));
};

/** Runs 4 steps, saves through JSON, loads, and runs 4 more both ways; returns both results. */
async function resume(spec: OptimizerSpec, dtype: DType, stepper: Stepper) {
  const optimizer = createOptimizer(spec);
  const step = stepper(optimizer);
  let straight = splitParams(c.init, dtype);
  let state = optimizer.init(straight);
  for (let t = 0; t < 4; t++) [straight, state] = step(straight, grads(t, dtype), state);

  const data = JSON.parse(JSON.stringify(await optimizer.saveState(state))) as OptimizerStateData;
  let resumed: Params = jax.tree.ref(straight);
  let loaded = optimizer.loadState(data, resumed);
  const reSaved = JSON.stringify(await optimizer.saveState(loaded));

  for (let t = 4; t < 8; t++) {
    [straight, state] = step(straight, grads(t, dtype), state);
    [resumed, loaded] = step(resumed, grads(t, dtype), loaded);
  }
  const out = {
    data: JSON.stringify(data),
    reSaved,
    straight: await valuesOf(straight),
    resumed: await valuesOf(resumed),
    straightState: JSON.stringify(await optimizer.saveState(state)),
    resumedState: JSON.stringify(await optimizer.saveState(loaded)),
  };
  jax.tree.dispose([straight, state, resumed, loaded]);
  return out;
}

describe.each([
  ["float64, eager", np.float64, eager],
  ["float64, jitted", np.float64, jitted],
  ["float32, jitted", np.float32, jitted],
] as const)("optimizer state round trip (%s)", (_label, dtype, stepper) => {
  it.each(specs.map((s) => [s.type, s] as const))("%s: save, JSON, load, continue equals an uninterrupted run, bit for bit", async (_type, spec) => {
    const r = await resume(spec, dtype, stepper);
    expect(r.reSaved).toBe(r.data);
    expect(r.resumed).toEqual(r.straight);
    expect(r.resumedState).toBe(r.straightState);
  });
});

describe("optimizer state round trip (float32, eager)", () => {
  // jax-js evaluates 0-d float32 arithmetic outside jit in float64 (constants are folded on the
  // host), so an eager float32 run carries β^t products more precisely than the float32 values it
  // saves; resuming from the saved values then differs in the last bits. Jitted float32 steps
  // (the training path) resume bit for bit, as tested above.
  it.each(specs.map((s) => [s.type, s] as const))("%s: the saved data round-trips bit for bit; continuing agrees to float32 precision", async (_type, spec) => {
    const r = await resume(spec, np.float32, eager);
    expect(r.reSaved).toBe(r.data);
    r.resumed.forEach((v, i) => expect(Math.abs(v - r.straight[i]!)).toBeLessThanOrEqual(4e-7 * Math.max(1, Math.abs(r.straight[i]!))));
  });
});

describe("loading state that does not fit", () => {
  const optimizer = createOptimizer({ type: "Adam" });

  async function saved(params: Params): Promise<OptimizerStateData> {
    const state = optimizer.init(params);
    const data = await optimizer.saveState(state);
    jax.tree.dispose([state, params]);
    return data;
  }

  function loadError(data: unknown, params: Params): ConfigError {
    try {
      optimizer.loadState(data as OptimizerStateData, params);
    } catch (e) {
      return e as ConfigError;
    } finally {
      jax.tree.dispose(params);
    }
    throw new Error("expected a ConfigError");
  }

  it("keeps -0, NaN and subnormals exactly", async () => {
    const sgd = createOptimizer({ type: "SGD", momentum: 0.9 });
    const params = { w: np.array([0, 0, 0, 0], { dtype: np.float64 }) };
    const [p, state] = sgd.step(params, { w: np.array([-0, NaN, 5e-324, -Infinity], { dtype: np.float64 }) }, sgd.init(params));
    const data = JSON.parse(JSON.stringify(await sgd.saveState(state))) as OptimizerStateData;
    const loaded = sgd.loadState(data, p);
    const trace = (loaded.groups[0] as unknown as [{ trace: Params }])[0].trace.w!;
    const values = await trace.ref.data();
    expect(Object.is(values[0], -0)).toBe(true);
    expect(values[1]).toBeNaN();
    expect(values[2]).toBe(5e-324);
    expect(values[3]).toBe(-Infinity);
    jax.tree.dispose([p, state, loaded]);
  });

  it("names a parameter that is missing or unexpected", async () => {
    const data = await saved(splitParams(c.init, np.float64));
    const e = loadError(data, { "layer.weight": np.zeros([2, 2], { dtype: np.float64 }), "head.bias": np.zeros([2], { dtype: np.float64 }) });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain("optimizer state does not fit the parameters: at groups[0][0].mu");
    expect(e.message).toContain("(missing: head.bias; unexpected: layer.bias)");
  });

  it("names a shape that differs", async () => {
    const data = await saved(splitParams(c.init, np.float64));
    const e = loadError(data, { "layer.weight": np.zeros([4], { dtype: np.float64 }), "layer.bias": np.zeros([2], { dtype: np.float64 }) });
    expect(e.message).toBe(
      'optimizer state does not fit the parameters: at groups[0][0].mu["layer.weight"], the parameters need float64[4], the saved state has float64[2, 2]',
    );
  });

  it("names a dtype that differs", async () => {
    const data = await saved(splitParams(c.init, np.float32));
    const e = loadError(data, splitParams(c.init, np.float64));
    expect(e.message).toContain("at groups[0][0].count, the parameters need float64[], the saved state has float32[]");
  });

  it("refuses state saved by another optimizer type, or data that is not saved state", async () => {
    const data = await saved(splitParams(c.init, np.float64));
    expect(loadError({ ...data, type: "AdamW" }, splitParams(c.init, np.float64)).message).toBe(
      'optimizer state: saved for "AdamW", this optimizer is Adam',
    );
    expect(loadError({ hello: 1 }, splitParams(c.init, np.float64)).message).toContain("expected data saved by optimizer.saveState");
  });

  it("refuses truncated array data", async () => {
    const data = await saved(splitParams(c.init, np.float64));
    const groups = data.groups as unknown as [[{ nu: Record<string, { data: string }> }]];
    groups[0][0].nu["layer.bias"]!.data = groups[0][0].nu["layer.bias"]!.data.slice(0, 8);
    expect(loadError(data, splitParams(c.init, np.float64)).message).toContain('at groups[0][0].nu["layer.bias"], saved 6 bytes, which is not 2 float64 values');
  });
});
