/**
 * Muon: the quintic Newton–Schulz iteration against a plain float64 one and against the singular
 * value band it is known to land in, and whole Muon steps (a matrix, a conv kernel flattened to a
 * matrix, a bias through AdamW) against a float64 reference of torch.optim.Muon's algorithm.
 */
import { describe, expect, it } from "vitest";
import { maxRelativeError } from "../../test/fixtures.js";
import { jax, type Params } from "../engine/index.js";
import { createOptimizer, newtonSchulz, type OptimizerSpec } from "./index.js";

const np = jax.numpy;
const f64 = { dtype: np.float64 };
const coefficients = [3.4445, -4.775, 2.0315] as const;

type Matrix = number[][];
const transpose = (a: Matrix): Matrix => a[0]!.map((_, j) => a.map((row) => row[j]!));
const matmul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
const combine = (p: number, a: Matrix, q: number, b: Matrix): Matrix => a.map((row, i) => row.map((x, j) => p * x + q * b[i]![j]!));

/** Newton–Schulz as torch.optim.Muon writes it, in float64. */
function newtonSchulzReference(g: Matrix, steps = 5, eps = 1e-7): Matrix {
  const [a, b, c] = coefficients;
  const tall = g.length > g[0]!.length;
  let x = tall ? transpose(g) : g;
  const norm = Math.sqrt(x.flat().reduce((s, v) => s + v * v, 0));
  x = x.map((row) => row.map((v) => v / (norm + eps)));
  for (let i = 0; i < steps; i++) {
    const gram = matmul(x, transpose(x));
    const poly = combine(b, gram, c, matmul(gram, gram));
    x = combine(a, x, 1, matmul(poly, x));
  }
  return tall ? transpose(x) : x;
}

/** A deterministic, well-spread matrix. */
const matrix = (rows: number, cols: number, seed = 1): Matrix =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.sin(seed * (7 * i + 3 * j + 1)) + 0.3 * Math.cos(seed * i * j)));

describe("Newton–Schulz orthogonalisation", () => {
  it.each([
    [6, 4],
    [4, 6],
    [5, 5],
  ])("a %i×%i matrix: matches a float64 reference and its singular values land in the quintic's band [0.68, 1.13]", async (rows, cols) => {
    const g = matrix(rows, cols);
    const out = newtonSchulz(np.array(g, f64), { coefficients, steps: 5, eps: 1e-7 });
    expect(out.shape).toEqual([rows, cols]);
    expect(maxRelativeError([...(await out.ref.data())], newtonSchulzReference(g).flat())).toBeLessThan(1e-10);
    const singular = [...(await np.linalg.svdvals(out).data())];
    const inputSingular = [...(await np.linalg.svdvals(np.array(g, f64)).data())];
    expect(Math.max(...inputSingular) / Math.min(...inputSingular)).toBeGreaterThan(3); // far from orthogonal to start with
    for (const s of singular) {
      expect(s).toBeGreaterThan(0.68);
      expect(s).toBeLessThan(1.13);
    }
  });

  it("more iterations of the quintic do not converge to 1: it keeps the singular values in the band", async () => {
    const out = newtonSchulz(np.array(matrix(6, 4, 2), f64), { coefficients, steps: 30, eps: 1e-7 });
    const singular = [...(await np.linalg.svdvals(out).data())];
    expect(Math.min(...singular)).toBeGreaterThan(0.68);
    expect(Math.max(...singular)).toBeLessThan(1.13);
    expect(singular.some((s) => Math.abs(s - 1) > 0.01)).toBe(true);
  });

  it("the cubic (1.5, −0.5, 0) converges to exact orthogonality", async () => {
    const out = newtonSchulz(np.array(matrix(6, 4), f64), { coefficients: [1.5, -0.5, 0], steps: 60, eps: 0 });
    for (const s of await np.linalg.svdvals(out).data()) expect(Math.abs(s - 1)).toBeLessThan(1e-9);
  });
});

interface MuonReference {
  lr: number;
  wd: number;
  momentum: number;
  nesterov: boolean;
  adjust: (rows: number, cols: number) => number;
  adamLr: number;
  adamWd: number;
  b1: number;
  b2: number;
  adamEps: number;
}

const shapes = { "fc.weight": [3, 4], "conv.weight": [2, 1, 2, 2], "fc.bias": [3] } as const;
type Name = keyof typeof shapes;
const initial: Record<Name, number[]> = {
  "fc.weight": matrix(3, 4, 3).flat(),
  "conv.weight": matrix(2, 4, 5).flat(),
  "fc.bias": [0.1, -0.2, 0.3],
};
const gradAt = (t: number): Record<Name, number[]> => ({
  "fc.weight": matrix(3, 4, t + 2).flat(),
  "conv.weight": matrix(2, 4, t + 7).flat(),
  "fc.bias": [Math.sin(t), 0.5 - t, Math.cos(2 * t)],
});
const steps = 4;

/** torch.optim.Muon for the matrices (the conv kernel as [2, 4]), AdamW for the bias, in float64. */
function muonReference(o: MuonReference): Record<Name, number[]>[] {
  const x = structuredClone(initial);
  const buffer: Record<string, number[]> = { "fc.weight": Array(12).fill(0), "conv.weight": Array(8).fill(0) };
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  const out: Record<Name, number[]>[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = gradAt(t - 1);
    for (const name of ["fc.weight", "conv.weight"] as const) {
      const [rows, cols] = name === "fc.weight" ? [3, 4] : [2, 4];
      buffer[name] = buffer[name]!.map((b, i) => o.momentum * b + g[name][i]!);
      const update = o.nesterov ? g[name].map((gi, i) => gi + o.momentum * buffer[name]![i]!) : buffer[name]!;
      const asMatrix = Array.from({ length: rows }, (_, i) => update.slice(i * cols, (i + 1) * cols));
      const orthogonal = newtonSchulzReference(asMatrix).flat();
      x[name] = x[name].map((xi, i) => xi - o.lr * o.wd * xi - o.lr * o.adjust(rows, cols) * orthogonal[i]!);
    }
    x["fc.bias"] = x["fc.bias"].map((xi, i) => {
      const gi = g["fc.bias"][i]!;
      m[i] = o.b1 * m[i]! + (1 - o.b1) * gi;
      v[i] = o.b2 * v[i]! + (1 - o.b2) * gi * gi;
      const step = m[i]! / (1 - o.b1 ** t) / (Math.sqrt(v[i]!) / Math.sqrt(1 - o.b2 ** t) + o.adamEps);
      return xi - o.adamLr * o.adamWd * xi - o.adamLr * step;
    });
    out.push(structuredClone(x));
  }
  return out;
}

async function runMuon(spec: OptimizerSpec, hyper = {}): Promise<Record<Name, number[]>[]> {
  const optimizer = createOptimizer(spec);
  const toParams = (values: Record<Name, number[]>): Params =>
    Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, np.array(values[name as Name], { shape: [...shape], dtype: np.float64 })]));
  let params = toParams(initial);
  let state = optimizer.init(params);
  const out: Record<Name, number[]>[] = [];
  for (let t = 0; t < steps; t++) {
    [params, state] = optimizer.step(params, toParams(gradAt(t)), state, hyper);
    const values = {} as Record<Name, number[]>;
    for (const name of Object.keys(shapes) as Name[]) values[name] = [...(await params[name]!.ref.data())];
    out.push(values);
  }
  jax.tree.dispose([params, state]);
  return out;
}

const worst = (a: Record<Name, number[]>[], b: Record<Name, number[]>[]) =>
  Math.max(...a.map((step, t) => maxRelativeError(Object.values(step).flat(), Object.values(b[t]!).flat())));

const defaults: MuonReference = {
  lr: 1e-3,
  wd: 0.1,
  momentum: 0.95,
  nesterov: true,
  adjust: (rows, cols) => Math.sqrt(Math.max(1, rows / cols)),
  adamLr: 1e-3,
  adamWd: 0.01,
  b1: 0.9,
  b2: 0.999,
  adamEps: 1e-8,
};

describe("Muon", () => {
  it("with the defaults: Muon for the matrix and the flattened conv kernel, AdamW for the bias", async () => {
    expect(worst(await runMuon({ type: "Muon" }), muonReference(defaults))).toBeLessThan(1e-10);
  });

  it('adjust_lr_fn "match_rms_adamw" (0.2·√max(A, B)), without nesterov, and AdamW options of its own', async () => {
    const spec: OptimizerSpec = { type: "Muon", lr: 0.02, weight_decay: 0, adjust_lr_fn: "match_rms_adamw", nesterov: false, momentum: 0.9, adamw_lr: 3e-4, adamw_betas: [0.9, 0.95], adamw_weight_decay: 0 };
    const expected = muonReference({ ...defaults, lr: 0.02, wd: 0, adjust: (rows, cols) => 0.2 * Math.sqrt(Math.max(rows, cols)), nesterov: false, momentum: 0.9, adamLr: 3e-4, b2: 0.95, adamWd: 0 });
    expect(worst(await runMuon(spec), expected)).toBeLessThan(1e-10);
  });

  it('the "original" rule scales a tall matrix by √(A/B) and a wide one by 1', async () => {
    const tallShapes: Record<string, number[]> = { tall: [8, 2], wide: [2, 8] };
    const optimizer = createOptimizer({ type: "Muon", lr: 1, weight_decay: 0 });
    const params: Params = Object.fromEntries(Object.entries(tallShapes).map(([n, s]) => [n, np.zeros(s, f64)]));
    const grads: Params = Object.fromEntries(Object.entries(tallShapes).map(([n, s]) => [n, np.array(matrix(s[0]!, s[1]!), f64)]));
    const state = optimizer.init(params);
    const [next, nextState] = optimizer.step(params, grads, state);
    const rms = async (a: jax.Array) => Math.sqrt([...(await a.data())].reduce((s, v) => s + v * v, 0) / a.size);
    // An orthogonalised [A, B] update has min(A, B) singular values near 1: RMS ≈ √(min/(A·B)) = √(1/max).
    const tall = await rms(next.tall!);
    const wide = await rms(next.wide!);
    expect(tall / wide).toBeGreaterThan(1.8);
    expect(tall / wide).toBeLessThan(2.2);
    jax.tree.dispose(nextState);
  });

  it("splits the parameters by shape: momentum buffers for the matrices, Adam moments for the rest", () => {
    const optimizer = createOptimizer({ type: "Muon" });
    const params: Params = Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, np.zeros([...shape], f64)]));
    const state = optimizer.init(params);
    const split = state.groups[0] as unknown as { muon: [{ trace: Params }]; adamw: [{ mu: Params }] };
    expect(Object.keys(split.muon[0].trace)).toEqual(["fc.weight", "conv.weight"]);
    expect(Object.keys(split.adamw[0].mu)).toEqual(["fc.bias"]);
    expect(split.muon[0].trace["conv.weight"]!.shape).toEqual([2, 1, 2, 2]);
    jax.tree.dispose([params, state]);
  });

  it("hyper.lr replaces lr and scales adamw_lr by the same factor", async () => {
    const scaled = await runMuon({ type: "Muon", lr: 0.02, adamw_lr: 0.001 }, { lr: 0.01 });
    expect(worst(scaled, await runMuon({ type: "Muon", lr: 0.01, adamw_lr: 0.0005 }))).toBeLessThan(1e-14);
  });

  it("a jitted step agrees with the eager one", async () => {
    const optimizer = createOptimizer({ type: "Muon", lr: 0.02 });
    const step = jax.jit(optimizer.step);
    const toParams = (values: Record<Name, number[]>): Params =>
      Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, np.array(values[name as Name], { shape: [...shape], dtype: np.float64 })]));
    let params = toParams(initial);
    let state = optimizer.init(params);
    for (let t = 0; t < steps; t++) [params, state] = step(params, toParams(gradAt(t)), state, { lr: np.array(0.02, f64) });
    const eager = await runMuon({ type: "Muon", lr: 0.02 });
    const values = Object.fromEntries(await Promise.all((Object.keys(shapes) as Name[]).map(async (n) => [n, [...(await params[n]!.ref.data())]] as const))) as Record<Name, number[]>;
    expect(worst([values], [eager.at(-1)!])).toBeLessThan(1e-12);
    step.dispose();
    jax.tree.dispose([params, state]);
  });
});
