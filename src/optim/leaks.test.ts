import { beforeAll, describe, expect, it } from "vitest";
import { jax, type Params } from "../engine/index.js";
import { createOptimizer, type OptimizerSpec } from "./index.js";
import { trackLiveBuffers } from "./testing/live-buffers.js";

const np = jax.numpy;

let live: { count(): number };
beforeAll(async () => {
  live = await trackLiveBuffers();
});

function params(): Params {
  return {
    "conv1.weight": np.array([[0.5, -0.25], [1.5, 2]], { dtype: np.float64 }),
    "conv1.bias": np.array([0.1, -0.2], { dtype: np.float64 }),
    "fc.weight": np.array([[1, 2, 3]], { dtype: np.float64 }),
  };
}

/** Gradients that vary with the step, so every branch (signs, maxima) is exercised. */
function grads(t: number): Params {
  const s = Math.sin(t + 1);
  return {
    "conv1.weight": np.array([[s, -0.3], [0.2 * t, -s]], { dtype: np.float64 }),
    "conv1.bias": np.array([0.05 - s, 0.1], { dtype: np.float64 }),
    "fc.weight": np.array([[s, 1, -1]], { dtype: np.float64 }),
  };
}

const specs: OptimizerSpec[] = [
  { type: "SGD", lr: 0.01, momentum: 0.9, nesterov: true, param_groups: [{ params: ["*.bias"], lr: 0.1 }] },
  { type: "AdamW", lr: 1e-3, amsgrad: true, param_groups: [{ params: ["*.bias"], weight_decay: 0 }] },
  { type: "RMSprop", momentum: 0.5, centered: true },
  { type: "Adagrad", lr_decay: 0.01 },
  { type: "Adadelta" },
  { type: "Adamax" },
  { type: "NAdam" },
  { type: "RAdam" },
  { type: "Rprop" },
  { type: "Lion", weight_decay: 0.1 },
  { type: "LAMB", weight_decay: 0.01 },
  { type: "AdamWScheduleFree", warmup_steps: 5, weight_decay: 0.01 },
  { type: "Prodigy", weight_decay: 0.01, use_bias_correction: true, growth_rate: 1.1 },
  { type: "DAdaptAdam", weight_decay: 0.01, growth_rate: 1.1 },
  { type: "DoG", weight_decay: 0.01 },
  { type: "Muon", adjust_lr_fn: "match_rms_adamw" },
  { type: "Lion", cautious: true },
];

describe("no leaked device buffers", () => {
  // The jitted loop for a few optimizers whose state differs in kind (the eager test below covers all).
  const jitted = specs.filter((s) => ["SGD", "AdamW", "LAMB", "AdamWScheduleFree", "Prodigy", "Muon"].includes(s.type));
  it.each(jitted.map((s) => [s.type, s] as const))("%s: a 200-step jitted loop keeps the live buffer count flat", async (_type, spec) => {
    const optimizer = createOptimizer(spec);
    const step = jax.jit(optimizer.step);
    const lr = np.array(1e-3, { dtype: np.float64 });
    const momentum = np.array(0.8, { dtype: np.float64 });
    const hyper = { lr, momentum };
    let p = params();
    let state = optimizer.init(p);
    const run = (from: number, to: number) => {
      for (let t = from; t < to; t++) [p, state] = step(p, grads(t), state, jax.tree.ref(hyper));
    };
    run(0, 5); // compiles and warms up
    await jax.blockUntilReady([p, state]);
    const before = live.count();
    run(5, 205);
    await jax.blockUntilReady([p, state]);
    expect(live.count()).toBe(before);
    for (const array of [...Object.values(p), ...jax.tree.leaves(state)]) expect(array.refCount).toBe(1);
    step.dispose();
    jax.tree.dispose([p, state, lr, momentum]);
  });

  it("the counter sees a leaked array", async () => {
    const before = live.count();
    const leaked = np.array([1, 2, 3], { dtype: np.float64 }).mul(np.array(2, { dtype: np.float64 }));
    await leaked.blockUntilReady();
    expect(live.count()).toBe(before + 1);
    leaked.dispose();
    expect(live.count()).toBe(before);
  });

  it.each(specs.map((s) => [`${s.type}${s.cautious ? " (cautious)" : ""}`, s] as const))("%s: eager steps with hyper overrides keep the live buffer count flat", async (_type, spec) => {
    const optimizer = createOptimizer(spec);
    const hasMomentum = !["Adagrad", "Adadelta", "Rprop", "DoG"].includes(spec.type);
    const lr = np.array(1e-3, { dtype: np.float64 });
    let p = params();
    let state = optimizer.init(p);
    [p, state] = optimizer.step(p, grads(0), state);
    await jax.blockUntilReady([p, state]);
    const before = live.count();
    for (let t = 1; t < 12; t++) [p, state] = optimizer.step(p, grads(t), state, hasMomentum ? { lr, momentum: 0.85 } : { lr: 0.002 });
    await jax.blockUntilReady([p, state]);
    expect(live.count()).toBe(before);
    jax.tree.dispose([p, state, lr]);
  });

  it("evalParams, saveState and loadState leave nothing behind", async () => {
    const optimizer = createOptimizer({ type: "AdamWScheduleFree", warmup_steps: 2 });
    let p = params();
    let state = optimizer.init(p);
    [p, state] = optimizer.step(p, grads(0), state);
    await jax.blockUntilReady([p, state]);
    const before = live.count();
    for (let t = 1; t < 20; t++) [p, state] = optimizer.step(p, grads(t), state, { lr: 0.01 });
    const x = optimizer.evalParams(p, state);
    jax.tree.dispose(x);
    const data = await optimizer.saveState(state);
    const loaded = optimizer.loadState(data, p);
    jax.tree.dispose(state);
    state = loaded;
    await jax.blockUntilReady([p, state]);
    expect(live.count()).toBe(before);
    jax.tree.dispose([p, state]);
  });
});
