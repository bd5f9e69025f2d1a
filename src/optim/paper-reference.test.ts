/**
 * Lion, LAMB and Schedule-Free AdamW against small float64 references written in plain
 * JavaScript from each paper's algorithm (PyTorch 1.13 has none of them).
 */
import { describe, expect, it } from "vitest";
import { maxRelativeError } from "../../test/fixtures.js";
import { jax, type Params } from "../engine/index.js";
import { createOptimizer, type Hyper, type OptimizerSpec } from "./index.js";

const np = jax.numpy;

/** Two tensors: "w" of 4 values and "b" of 2; "b" starts at zero to exercise zero norms. */
const init = { w: [0.8, -1.3, 0.25, 2.1], b: [0, 0] };
const steps = 5;
const gradAt = (t: number) => ({
  w: [Math.sin(t + 1), -0.7 + 0.1 * t, 0.3 * Math.cos(3 * t), 1.5 - t],
  b: [0.05 * (t - 2), -Math.sin(2 * t)],
});

type Tensors = Record<"w" | "b", number[]>;

const toParams = (values: Tensors): Params => ({
  w: np.array(values.w, { dtype: np.float64 }),
  b: np.array(values.b, { dtype: np.float64 }),
});

/** Runs the optimizer for `steps` steps and returns the parameters after each. */
async function run(spec: OptimizerSpec, hyper: (t: number) => Hyper = () => ({})): Promise<Tensors[]> {
  const optimizer = createOptimizer(spec);
  let params = toParams(init);
  let state = optimizer.init(params);
  const out: Tensors[] = [];
  for (let t = 0; t < steps; t++) {
    [params, state] = optimizer.step(params, toParams(gradAt(t)), state, hyper(t));
    out.push({ w: [...(await params.w!.ref.data())], b: [...(await params.b!.ref.data())] });
  }
  jax.tree.dispose([params, state]);
  return out;
}

function worstError(actual: Tensors[], expected: Tensors[]): number {
  return Math.max(...actual.map((a, t) => maxRelativeError([...a.w, ...a.b], [...expected[t]!.w, ...expected[t]!.b])));
}

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const copy = (v: Tensors): Tensors => ({ w: [...v.w], b: [...v.b] });
const zeros = (): Tensors => ({ w: init.w.map(() => 0), b: init.b.map(() => 0) });
const names = ["w", "b"] as const;

/** Chen et al. 2023, Algorithm 2 (decoupled weight decay). */
function lionReference(lr: number, b1: number, b2: number, wd: number): Tensors[] {
  const theta = copy(init);
  const m = zeros();
  const out: Tensors[] = [];
  for (let t = 0; t < steps; t++) {
    const g = gradAt(t);
    for (const k of names) {
      theta[k].forEach((x, i) => {
        const c = b1 * m[k][i]! + (1 - b1) * g[k][i]!;
        theta[k][i] = x - lr * (Math.sign(c) + wd * x);
        m[k][i] = b2 * m[k][i]! + (1 - b2) * g[k][i]!;
      });
    }
    out.push(copy(theta));
  }
  return out;
}

/** You et al. 2020, Algorithm 2, with φ the identity and a ratio of 1 for a zero norm. */
function lambReference(lr: number, b1: number, b2: number, eps: number, wd: number): Tensors[] {
  const theta = copy(init);
  const m = zeros();
  const v = zeros();
  const out: Tensors[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = gradAt(t - 1);
    for (const k of names) {
      const r = theta[k].map((x, i) => {
        m[k][i] = b1 * m[k][i]! + (1 - b1) * g[k][i]!;
        v[k][i] = b2 * v[k][i]! + (1 - b2) * g[k][i]! ** 2;
        const mHat = m[k][i]! / (1 - b1 ** t);
        const vHat = v[k][i]! / (1 - b2 ** t);
        return mHat / (Math.sqrt(vHat) + eps) + wd * x;
      });
      const pn = norm(theta[k]);
      const rn = norm(r);
      const ratio = pn > 0 && rn > 0 ? pn / rn : 1;
      theta[k] = theta[k].map((x, i) => x - lr * ratio * r[i]!);
    }
    out.push(copy(theta));
  }
  return out;
}

interface SfOptions {
  lr: number;
  b1: number | ((t: number) => number);
  b2: number;
  eps: number;
  wd: number;
  warmup: number;
  r: number;
  p: number;
}

/** Defazio et al. 2024, Algorithm 1, as the authors' reference implementation runs it. Returns y and x per step. */
function scheduleFreeReference(o: SfOptions): { y: Tensors[]; x: Tensors[] } {
  const y = copy(init);
  const z = copy(init);
  const x = copy(init);
  const v = zeros();
  let lrMax = 0;
  let weightSum = 0;
  const out = { y: [] as Tensors[], x: [] as Tensors[] };
  for (let k = 0; k < steps; k++) {
    const t = k + 1;
    const beta1 = typeof o.b1 === "number" ? o.b1 : o.b1(k);
    const sched = k < o.warmup ? t / o.warmup : 1;
    const lr = o.lr * sched * Math.sqrt(1 - o.b2 ** t);
    lrMax = Math.max(lrMax, lr);
    const weight = t ** o.r * lrMax ** o.p;
    weightSum += weight;
    const c = weightSum > 0 ? weight / weightSum : 0;
    const g = gradAt(k);
    for (const key of names) {
      y[key].forEach((yi, i) => {
        v[key][i] = o.b2 * v[key][i]! + (1 - o.b2) * g[key][i]! ** 2;
        z[key][i] = z[key][i]! - lr * o.wd * yi - (lr * g[key][i]!) / (Math.sqrt(v[key][i]!) + o.eps);
        x[key][i] = (1 - c) * x[key][i]! + c * z[key][i]!;
        y[key][i] = beta1 * x[key][i]! + (1 - beta1) * z[key][i]!;
      });
    }
    out.y.push(copy(y));
    out.x.push(copy(x));
  }
  return out;
}

describe("Lion matches Chen et al. 2023, Algorithm 2", () => {
  it("without weight decay", async () => {
    expect(worstError(await run({ type: "Lion", lr: 0.01 }), lionReference(0.01, 0.9, 0.99, 0))).toBeLessThan(1e-12);
  });

  it("with decoupled weight decay and its own betas", async () => {
    const spec: OptimizerSpec = { type: "Lion", lr: 0.03, betas: [0.8, 0.95], weight_decay: 0.5 };
    expect(worstError(await run(spec), lionReference(0.03, 0.8, 0.95, 0.5))).toBeLessThan(1e-12);
  });
});

describe("LAMB matches You et al. 2020, Algorithm 2", () => {
  it("with weight decay, per-tensor trust ratios, and a zero-initialised tensor", async () => {
    const spec: OptimizerSpec = { type: "LAMB", lr: 0.05, weight_decay: 0.1 };
    expect(worstError(await run(spec), lambReference(0.05, 0.9, 0.999, 1e-6, 0.1))).toBeLessThan(1e-12);
  });

  it("without weight decay (the zero tensor moves with ratio 1)", async () => {
    const spec: OptimizerSpec = { type: "LAMB", lr: 0.02, betas: [0.8, 0.99], eps: 1e-4 };
    expect(worstError(await run(spec), lambReference(0.02, 0.8, 0.99, 1e-4, 0))).toBeLessThan(1e-12);
  });
});

describe("AdamWScheduleFree matches Defazio et al. 2024, Algorithm 1", () => {
  const base: SfOptions = { lr: 0.05, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0, warmup: 0, r: 0, p: 2 };

  it("with the defaults (parameters are y)", async () => {
    const expected = scheduleFreeReference(base);
    expect(worstError(await run({ type: "AdamWScheduleFree", lr: 0.05 }), expected.y)).toBeLessThan(1e-12);
  });

  it("with warm-up, weight decay, r and weight_lr_power as whole numbers", async () => {
    const options = { ...base, wd: 0.1, warmup: 3, r: 1, p: 3, b1: 0.85 };
    const spec: OptimizerSpec = { type: "AdamWScheduleFree", lr: 0.05, betas: [0.85, 0.999], weight_decay: 0.1, warmup_steps: 3, r: 1, weight_lr_power: 3 };
    expect(worstError(await run(spec), scheduleFreeReference(options).y)).toBeLessThan(1e-12);
  });

  it("with r and weight_lr_power as half numbers (square roots, exact)", async () => {
    const spec: OptimizerSpec = { type: "AdamWScheduleFree", lr: 0.05, warmup_steps: 2, r: 0.5, weight_lr_power: 1.5 };
    const expected = scheduleFreeReference({ ...base, warmup: 2, r: 0.5, p: 1.5 });
    expect(worstError(await run(spec), expected.y)).toBeLessThan(1e-12);
  });

  it("with other fractional powers (the device's float32-accurate pow moves the averaging weights slightly)", async () => {
    const spec: OptimizerSpec = { type: "AdamWScheduleFree", lr: 0.05, warmup_steps: 2, r: 0.3, weight_lr_power: 2.2 };
    const expected = scheduleFreeReference({ ...base, warmup: 2, r: 0.3, p: 2.2 });
    expect(worstError(await run(spec), expected.y)).toBeLessThan(1e-3);
  });

  it("evalParams gives x, the average to evaluate at", async () => {
    const optimizer = createOptimizer({ type: "AdamWScheduleFree", lr: 0.05, weight_decay: 0.1 });
    let params = toParams(init);
    let state = optimizer.init(params);
    for (let t = 0; t < steps; t++) [params, state] = optimizer.step(params, toParams(gradAt(t)), state);
    const x = optimizer.evalParams(params, state);
    const actual = { w: [...(await x.w!.data())], b: [...(await x.b!.data())] };
    jax.tree.dispose([params, state]);
    const expected = scheduleFreeReference({ ...base, wd: 0.1 }).x.at(-1)!;
    expect(worstError([actual], [expected])).toBeLessThan(1e-12);
    expect(worstError([actual], [scheduleFreeReference({ ...base, wd: 0.1 }).y.at(-1)!])).toBeGreaterThan(1e-6);
  });

  it("takes β₁ from hyper.momentum per step", async () => {
    const beta1 = (t: number) => 0.95 - 0.02 * t;
    const actual = await run({ type: "AdamWScheduleFree", lr: 0.05 }, (t) => ({ momentum: beta1(t) }));
    expect(worstError(actual, scheduleFreeReference({ ...base, b1: beta1 }).y)).toBeLessThan(1e-12);
  });
});
