/**
 * Prodigy, D-Adaptation Adam and DoG against hand-computed first steps and against small float64
 * references written in plain JavaScript from each paper's algorithm (as the authors' code runs it),
 * on a quadratic whose gradients follow the iterates, so the estimates d and r̄ actually grow.
 */
import { describe, expect, it } from "vitest";
import { maxRelativeError } from "../../test/fixtures.js";
import { jax, type JaxArray, type Params } from "../engine/index.js";
import { createOptimizer, type Hyper, type OptimizerSpec, type OptimizerState } from "./index.js";

const np = jax.numpy;
const f64 = { dtype: np.float64 };

/** f(x) = ½ Σ aᵢ(xᵢ − cᵢ)² over a "w" of 4 values and a "b" of 2 (b starts at zero). */
const curvature = { w: [1, 3, 0.5, 2], b: [4, 0.25] };
const centre = { w: [2, -1, 0.5, 3], b: [1, -2] };
const start = { w: [0.8, -1.3, 0.25, 2.1], b: [0, 0] };
type Tensors = Record<"w" | "b", number[]>;
const names = ["w", "b"] as const;
const gradientAt = (x: Tensors): Tensors => ({
  w: x.w.map((v, i) => curvature.w[i]! * (v - centre.w[i]!)),
  b: x.b.map((v, i) => curvature.b[i]! * (v - centre.b[i]!)),
});
const copy = (v: Tensors): Tensors => ({ w: [...v.w], b: [...v.b] });
const zeros = (): Tensors => ({ w: start.w.map(() => 0), b: start.b.map(() => 0) });
const all = (v: Tensors) => [...v.w, ...v.b];
const dotOf = (a: Tensors, b: Tensors) => all(a).reduce((s, x, i) => s + x * all(b)[i]!, 0);
const l1 = (v: Tensors) => all(v).reduce((s, x) => s + Math.abs(x), 0);
const l2 = (v: Tensors) => Math.sqrt(dotOf(v, v));

const steps = 25;

/** The optimizer run for `steps` steps on the quadratic: the parameters and the state's 0-d values after each. */
async function run(spec: OptimizerSpec, n = steps, hyper: (t: number) => Hyper = () => ({})) {
  const optimizer = createOptimizer(spec);
  const toParams = (v: Tensors): Params => ({ w: np.array(v.w, f64), b: np.array(v.b, f64) });
  let params = toParams(start);
  let state = optimizer.init(params);
  const xs: Tensors[] = [];
  const scalars: Record<string, number>[] = [];
  for (let t = 0; t < n; t++) {
    const x = { w: [...(await params.w!.ref.data())], b: [...(await params.b!.ref.data())] };
    [params, state] = optimizer.step(params, toParams(gradientAt(x)), state, hyper(t));
    xs.push({ w: [...(await params.w!.ref.data())], b: [...(await params.b!.ref.data())] });
    scalars.push(await scalarsOf(state));
  }
  jax.tree.dispose([params, state]);
  return { xs, scalars };
}

/** The 0-d arrays of the first group's estimating piece by name: d, dMax, numerator, rbar… */
async function scalarsOf(state: OptimizerState): Promise<Record<string, number>> {
  const pieces = state.groups[0] as unknown as Record<string, JaxArray | Params>[];
  const isScalar = (value: unknown): value is JaxArray => value instanceof np.Array && value.ndim === 0;
  const piece = pieces.find((p) => Object.values(p).some(isScalar))!;
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(piece)) {
    if (isScalar(value)) out[key] = (await value.ref.data())[0]!;
  }
  return out;
}

const worst = (actual: Tensors[], expected: Tensors[]) => Math.max(...actual.map((a, t) => maxRelativeError(all(a), all(expected[t]!))));

interface ProdigyReference {
  lr?: number;
  b1?: number;
  b2?: number;
  eps?: number;
  wd?: number;
  decouple?: boolean;
  bias?: boolean;
  safeguard?: boolean;
  d0?: number;
  dCoef?: number;
  growth?: number;
}

/** Mishchenko & Defazio 2023, Algorithm 4 (Adam form), step by step as prodigyopt.Prodigy runs it. */
function prodigyReference(o: ProdigyReference = {}) {
  const { lr = 1, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0, decouple = true, bias = false, safeguard = false, d0 = 1e-6, dCoef = 1, growth = Infinity } = o;
  const b3 = Math.sqrt(b2);
  let d = d0;
  let dMax = d0;
  let r = 0;
  let k = 0;
  const x = copy(start);
  const x0 = copy(start);
  const [s, m, v] = [zeros(), zeros(), zeros()];
  const out = { xs: [] as Tensors[], d: [] as number[] };
  for (let t = 0; t < steps; t++) {
    const g = gradientAt(x);
    if (wd !== 0 && !decouple) for (const n of names) g[n] = g[n].map((gi, i) => gi + wd * x[n][i]!);
    const dlr = d * lr * (bias ? Math.sqrt(1 - b2 ** (k + 1)) / (1 - b1 ** (k + 1)) : 1);
    const diff = { w: x0.w.map((a, i) => a - x.w[i]!), b: x0.b.map((a, i) => a - x.b[i]!) };
    const rNew = b3 * r + (d / d0) * dlr * dotOf(g, diff);
    for (const n of names) {
      g[n].forEach((gi, i) => {
        m[n][i] = b1 * m[n][i]! + d * (1 - b1) * gi;
        v[n][i] = b2 * v[n][i]! + d * d * (1 - b2) * gi * gi;
        s[n][i] = b3 * s[n][i]! + (safeguard ? (d / d0) * d : (d / d0) * dlr) * gi;
      });
    }
    const denom = l1(s);
    if (denom > 0) {
      r = rNew;
      if (lr > 0) {
        const dHat = (dCoef * r) / denom;
        if (d === d0) d = Math.max(d, dHat);
        dMax = Math.max(dMax, dHat);
        d = Math.min(dMax, d * growth);
      }
      for (const n of names) {
        x[n] = x[n].map((xi, i) => xi - (decouple ? wd * dlr * xi : 0) - (dlr * m[n][i]!) / (Math.sqrt(v[n][i]!) + d * eps));
      }
      k += 1;
    }
    out.xs.push(copy(x));
    out.d.push(d);
  }
  return out;
}

/** Defazio & Mishchenko 2023, Algorithm 5 (Adam), step by step as dadaptation.DAdaptAdam runs it. */
function dadaptReference(o: ProdigyReference = {}) {
  const { lr = 1, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0, decouple = false, bias = false, d0 = 1e-6, growth = Infinity } = o;
  const sb2 = Math.sqrt(b2);
  let d = d0;
  let r = 0;
  let k = 0;
  const x = copy(start);
  const [s, m, v] = [zeros(), zeros(), zeros()];
  const out = { xs: [] as Tensors[], d: [] as number[] };
  for (let t = 0; t < steps; t++) {
    const g = gradientAt(x);
    if (wd !== 0 && !decouple) for (const n of names) g[n] = g[n].map((gi, i) => gi + wd * x[n][i]!);
    const dlr = d * lr * (bias ? Math.sqrt(1 - b2 ** (k + 1)) / (1 - b1 ** (k + 1)) : 1);
    let a = 0;
    for (const n of names) {
      g[n].forEach((gi, i) => {
        a += dlr * gi * (s[n][i]! / (Math.sqrt(v[n][i]!) + eps));
        m[n][i] = b1 * m[n][i]! + dlr * (1 - b1) * gi;
        v[n][i] = b2 * v[n][i]! + (1 - b2) * gi * gi;
        s[n][i] = sb2 * s[n][i]! + dlr * (1 - sb2) * gi;
      });
    }
    const sk = l1(s);
    if (sk > 0) {
      r = sb2 * r + (1 - sb2) * a;
      if (lr > 0) d = Math.max(d, Math.min(r / ((1 - sb2) * sk), d * growth));
      for (const n of names) x[n] = x[n].map((xi, i) => xi - (decouple ? wd * dlr * xi : 0) - m[n][i]! / (Math.sqrt(v[n][i]!) + eps));
      k += 1;
    }
    out.xs.push(copy(x));
    out.d.push(d);
  }
  return out;
}

/** Ivgi et al. 2023, Algorithm 1, as dog.DoG runs it (granularity "all"). */
function dogReference({ lr = 1, repsRel = 1e-6, wd = 0, eps = 1e-8 } = {}) {
  const x = copy(start);
  let rbar = repsRel * (1 + l2(start));
  let G = eps;
  const out = { xs: [] as Tensors[], rbar: [] as number[] };
  for (let t = 0; t < steps; t++) {
    const g = gradientAt(x);
    for (const n of names) g[n] = g[n].map((gi, i) => gi + wd * x[n][i]!);
    const moved = { w: x.w.map((a, i) => a - start.w[i]!), b: x.b.map((a, i) => a - start.b[i]!) };
    rbar = Math.max(rbar, l2(moved));
    G += dotOf(g, g);
    const eta = (lr * rbar) / Math.sqrt(G);
    for (const n of names) x[n] = x[n].map((xi, i) => xi - eta * g[n][i]!);
    out.xs.push(copy(x));
    out.rbar.push(rbar);
  }
  return out;
}

const relative = (a: number[], b: number[]) => maxRelativeError(a, b);

describe("Prodigy", () => {
  it("first step on a 2-parameter quadratic, by hand: d stays d₀ (x = x₀, so r = 0) and the step is dlr·m/(√v + d·ε)", async () => {
    // f(x) = ½(x₁² + 3x₂²) at x₀ = (1, −2): g = (1, −6); d = 1e-6, lr = 1, so dlr = 1e-6,
    // m = d(1 − β₁)g = 1e-7·g, v = d²(1 − β₂)g² = 1e-15·g², and x₁ = x₀ − 1e-6·1e-7·g/(√1e-15·|g| + 1e-6·1e-8).
    const optimizer = createOptimizer({ type: "Prodigy" });
    const x0 = [1, -2];
    let params: Params = { x: np.array(x0, f64) };
    let state = optimizer.init(params);
    const gradient = (x: number[]) => [x[0]!, 3 * x[1]!];
    [params, state] = optimizer.step(params, { x: np.array(gradient(x0), f64) }, state);
    const x1 = [...(await params.x!.ref.data())];
    const g0 = gradient(x0);
    const expected1 = x0.map((x, i) => x - (1e-13 * g0[i]!) / (Math.sqrt(1e-15) * Math.abs(g0[i]!) + 1e-14));
    expect(relative(x1, expected1)).toBeLessThan(1e-14);
    expect((await scalarsOf(state)).d).toBe(1e-6);

    // Second step: r = (d/d₀)·dlr·⟨g₁, x₀ − x₁⟩, s = β₃·1e-6·g₀ + 1e-6·g₁, d = max(d₀, r/Σ|s|).
    const g1 = gradient(x1);
    [params, state] = optimizer.step(params, { x: np.array(g1, f64) }, state);
    const b3 = Math.sqrt(0.999);
    const r = 1e-6 * (g1[0]! * (x0[0]! - x1[0]!) + g1[1]! * (x0[1]! - x1[1]!));
    const sNorm = Math.abs(b3 * 1e-6 * g0[0]! + 1e-6 * g1[0]!) + Math.abs(b3 * 1e-6 * g0[1]! + 1e-6 * g1[1]!);
    const d = (await scalarsOf(state)).d!;
    expect(d).toBeGreaterThan(1e-6);
    expect(Math.abs(d - r / sNorm) / d).toBeLessThan(1e-12);
    jax.tree.dispose([params, state]);
  });

  it.each([
    ["the defaults", {}, {}],
    ["decoupled weight decay, bias correction, β₃ given implicitly, d_coef", { weight_decay: 0.1, use_bias_correction: true, d_coef: 0.5 }, { wd: 0.1, bias: true, dCoef: 0.5 }],
    ["L2 weight decay, safeguard_warmup, growth_rate, lr 0.5", { weight_decay: 0.05, decouple: false, safeguard_warmup: true, growth_rate: 1.5, lr: 0.5 }, { wd: 0.05, decouple: false, safeguard: true, growth: 1.5, lr: 0.5 }],
  ] as [string, Partial<OptimizerSpec>, ProdigyReference][])("matches Algorithm 4 step by step, parameters and d: %s", async (_label, options, reference) => {
    const actual = await run({ type: "Prodigy", ...options } as OptimizerSpec);
    const expected = prodigyReference(reference);
    expect(worst(actual.xs, expected.xs)).toBeLessThan(1e-10);
    expect(relative(actual.scalars.map((s) => s.d!), expected.d)).toBeLessThan(1e-10);
    expect(expected.d.at(-1)!).toBeGreaterThan(10 * 1e-6); // d grew
  });

  it("hyper.lr multiplies the estimate like the spec's lr", async () => {
    const expected = await run({ type: "Prodigy", lr: 0.3 });
    expect(await run({ type: "Prodigy" }, steps, () => ({ lr: np.array(0.3, f64) }))).toEqual(expected);
  });

  it("skips the step (x and d stay) while Σ|s| is 0, as the reference returns early", async () => {
    const optimizer = createOptimizer({ type: "Prodigy" });
    let params: Params = { x: np.array([1, 2], f64) };
    let state = optimizer.init(params);
    [params, state] = optimizer.step(params, { x: np.zeros([2], f64) }, state);
    expect([...(await params.x!.ref.data())]).toEqual([1, 2]);
    expect(await scalarsOf(state)).toEqual({ d: 1e-6, dMax: 1e-6, numerator: 0 });
    jax.tree.dispose([params, state]);
  });
});

describe("DAdaptAdam", () => {
  it("first step by hand: s₀ = 0 so d stays d₀, and x₁ = x₀ − d₀(1 − β₁)g/(√(1 − β₂)|g| + ε)", async () => {
    const optimizer = createOptimizer({ type: "DAdaptAdam" });
    const x0 = [1, -2];
    const g0 = [1, -6];
    let params: Params = { x: np.array(x0, f64) };
    let state = optimizer.init(params);
    [params, state] = optimizer.step(params, { x: np.array(g0, f64) }, state);
    const expected = x0.map((x, i) => x - (1e-6 * 0.1 * g0[i]!) / (Math.sqrt(0.001) * Math.abs(g0[i]!) + 1e-8));
    expect(relative([...(await params.x!.ref.data())], expected)).toBeLessThan(1e-14);
    expect((await scalarsOf(state)).d).toBe(1e-6);
    jax.tree.dispose([params, state]);
  });

  it.each([
    ["the defaults", {}, {}],
    ["L2 weight decay and bias correction", { weight_decay: 0.1, use_bias_correction: true }, { wd: 0.1, bias: true }],
    ["decoupled weight decay, growth_rate, lr 2", { weight_decay: 0.05, decouple: true, growth_rate: 1.2, lr: 2 }, { wd: 0.05, decouple: true, growth: 1.2, lr: 2 }],
  ] as [string, Partial<OptimizerSpec>, ProdigyReference][])("matches Algorithm 5 step by step, parameters and d: %s", async (_label, options, reference) => {
    const actual = await run({ type: "DAdaptAdam", ...options } as OptimizerSpec);
    const expected = dadaptReference(reference);
    expect(worst(actual.xs, expected.xs)).toBeLessThan(1e-10);
    expect(relative(actual.scalars.map((s) => s.d!), expected.d)).toBeLessThan(1e-10);
    expect(expected.d.at(-1)!).toBeGreaterThan(10 * 1e-6);
  });
});

describe("DoG", () => {
  it("first step by hand: η₀ = reps_rel·(1 + ‖x₀‖)/√(‖g₀‖² + ε)", async () => {
    const optimizer = createOptimizer({ type: "DoG" });
    let params: Params = { x: np.array([1, -2], f64) };
    let state = optimizer.init(params);
    [params, state] = optimizer.step(params, { x: np.array([1, -6], f64) }, state);
    const eta = (1e-6 * (1 + Math.sqrt(5))) / Math.sqrt(37 + 1e-8);
    expect(relative([...(await params.x!.ref.data())], [1 - eta, -2 + 6 * eta])).toBeLessThan(1e-14);
    jax.tree.dispose([params, state]);
  });

  it.each([
    ["the defaults", {}, {}],
    ["weight decay, reps_rel and lr", { weight_decay: 0.1, reps_rel: 1e-3, lr: 0.8 }, { wd: 0.1, repsRel: 1e-3, lr: 0.8 }],
  ] as [string, Partial<OptimizerSpec>, Parameters<typeof dogReference>[0]][])("matches Algorithm 1 step by step, parameters and r̄: %s", async (_label, options, reference) => {
    const actual = await run({ type: "DoG", ...options } as OptimizerSpec);
    const expected = dogReference(reference);
    expect(worst(actual.xs, expected.xs)).toBeLessThan(1e-10);
    expect(relative(actual.scalars.map((s) => s.rbar!), expected.rbar)).toBeLessThan(1e-10);
  });
});

describe.each([
  { type: "Prodigy", weight_decay: 0.01, use_bias_correction: true },
  { type: "DAdaptAdam", decouple: true, weight_decay: 0.01 },
  { type: "DoG", weight_decay: 0.01 },
] as OptimizerSpec[])("$type jitted", (spec) => {
  it("agrees with the eager step (η entering as a 0-d array) and traces once", async () => {
    const optimizer = createOptimizer(spec);
    let traces = 0;
    const jitted = jax.jit((p: Params, g: Params, s: OptimizerState, h: Hyper) => {
      traces += 1;
      return optimizer.step(p, g, s, h);
    });
    const toParams = (v: Tensors): Params => ({ w: np.array(v.w, f64), b: np.array(v.b, f64) });
    let eager = toParams(start);
    let eagerState = optimizer.init(eager);
    let traced = toParams(start);
    let tracedState = optimizer.init(traced);
    for (let t = 0; t < 10; t++) {
      const lr = 1 - 0.05 * t;
      const x = { w: [...(await eager.w!.ref.data())], b: [...(await eager.b!.ref.data())] };
      [eager, eagerState] = optimizer.step(eager, toParams(gradientAt(x)), eagerState, { lr });
      const y = { w: [...(await traced.w!.ref.data())], b: [...(await traced.b!.ref.data())] };
      [traced, tracedState] = jitted(traced, toParams(gradientAt(y)), tracedState, { lr: np.array(lr, f64) });
    }
    const read = async (p: Params) => [...(await p.w!.ref.data()), ...(await p.b!.ref.data())];
    expect(maxRelativeError(await read(traced), await read(eager))).toBeLessThan(1e-12);
    expect(traces).toBe(1);
    jitted.dispose();
    jax.tree.dispose([eager, eagerState, traced, tracedState]);
  });
});
