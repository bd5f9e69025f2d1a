import { describe, expect, it } from "vitest";
import { jax, type JaxArray, type Params } from "../../engine/index.js";
import { createOptimizer } from "../../optim/index.js";
import { adamPreconditioner, hessianVectorProduct, preconditioningOf, sharpnessProbe, stabilityThreshold } from "./index.js";

const np = jax.numpy;

/** Q·diag(λ)·Qᵀ with Q a product of Givens rotations, row-major. */
function rotated(lambda: number[]): number[] {
  const n = lambda.length;
  let q: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let p = 0; p < n - 1; p++) {
    const c = Math.cos(0.4 + p);
    const s = Math.sin(0.4 + p);
    q = q.map((row) => row.map((v, j) => (j === p ? c * row[p]! - s * row[p + 1]! : j === p + 1 ? s * row[p]! + c * row[p + 1]! : v)));
  }
  return q.flatMap((qi) => q.map((qj) => qi.reduce((sum, qik, k) => sum + qik * lambda[k]! * qj[k]!, 0)));
}

/** J(θ) = ½ θᵀAθ with θ = concat(a, b) split over two parameters. */
function quadratic(params: Params, data: { A: JaxArray }): JaxArray {
  const theta = np.concatenate([params.a!, params.b!]);
  return np.dot(theta.ref, np.matmul(data.A, theta)).mul(0.5);
}

const params = (): Params => ({ a: np.array([0.3, -1, 2], { dtype: np.float32 }), b: np.array([0.5, 1.5], { dtype: np.float32 }) });

describe("sharpnessProbe", () => {
  it("finds λ_max of a quadratic with a known spectrum to 1e-4 relative", async () => {
    const spectrum = [0.2, 1, 2.5, 4, 12];
    const { probe, dispose } = sharpnessProbe(quadratic, { iters: 40, seed: 3 });
    const p = params();
    const data = { A: np.array(rotated(spectrum), { shape: [5, 5], dtype: np.float32 }) };
    const lambda = await probe(p, data);
    expect(Math.abs(lambda - 12) / 12).toBeLessThan(1e-4);
    expect(await probe(p, data)).toBe(lambda);
    dispose();
    jax.tree.dispose([p, data]);
  });

  it("finds λ_max of P⁻¹H on a diagonal quadratic with a known Adam preconditioner", async () => {
    const h = [2, 8, 1, 0.5, 3];
    const nu = { a: np.array([0.04, 1, 0.01], { dtype: np.float32 }), b: np.array([0.0001, 0.25], { dtype: np.float32 }) };
    const [t, b2, eps] = [10, 0.999, 1e-3];
    const vHat = [0.04, 1, 0.01, 0.0001, 0.25].map((v) => v / (1 - b2 ** t));
    const expected = Math.max(...h.map((hi, i) => hi / (Math.sqrt(vHat[i]!) + eps)));
    const scale = adamPreconditioner(nu, { t, b2, eps });
    const diagonal = h.flatMap((hi, i) => h.map((_, j) => (i === j ? hi : 0)));
    const data = { A: np.array(diagonal, { shape: [5, 5], dtype: np.float32 }) };
    const p = params();
    const { probe, dispose } = sharpnessProbe(quadratic, { iters: 60 });
    const lambda = await probe(p, data, scale);
    expect(Math.abs(lambda - expected) / expected).toBeLessThan(1e-4);
    dispose();
    jax.tree.dispose([p, data, scale, nu]);
  });
});

describe("preconditioningOf", () => {
  it("reads an Adam state's second moments across parameter groups: after one step v̂ = g², so λ_max(P⁻¹H) = max hᵢ/(|gᵢ| + ε)", async () => {
    const h = [2, 8, 1, 0.5, 3];
    const diagonal = h.flatMap((hi, i) => h.map((_, j) => (i === j ? hi : 0)));
    const data = { A: np.array(diagonal, { shape: [5, 5], dtype: np.float32 }) };
    const optimizer = createOptimizer({ type: "Adam", lr: 0.01, eps: 1e-3, param_groups: [{ params: ["b"], lr: 0.02 }] });
    const p = params();
    const theta = [0.3, -1, 2, 0.5, 1.5];
    const grads = { a: np.array(theta.slice(0, 3).map((t, i) => h[i]! * t), { dtype: np.float32 }), b: np.array(theta.slice(3).map((t, i) => h[i + 3]! * t), { dtype: np.float32 }) };
    const [next, state] = optimizer.step(jax.tree.ref(p), grads, optimizer.init(p));
    const preconditioning = preconditioningOf("Adam", optimizer.defaults)!;
    const scale = preconditioning.scale(state, 1);
    const expected = Math.max(...h.map((hi, i) => hi / (Math.abs(hi * theta[i]!) + 1e-3)));
    const { probe, dispose } = sharpnessProbe(quadratic, { iters: 80 });
    const lambda = await probe(p, data, scale);
    expect(Math.abs(lambda - expected) / expected).toBeLessThan(1e-3);
    expect(preconditioning.rule(undefined)).toEqual({ kind: "adam", b1: 0.9 });
    expect(preconditioning.rule(0.85)).toEqual({ kind: "adam", b1: 0.85 });
    expect(preconditioningOf("SGD", {})).toBeUndefined();
    dispose();
    jax.tree.dispose([p, data, scale, next, state]);
  });
});

describe("hessianVectorProduct", () => {
  it("equals jax.hessian times v on a small tanh net", async () => {
    const x = [0.5, -1, 2, 0.1, 0.7, -0.3];
    const y = [1, -0.5, 0.25];
    const shapes = { w1: [2, 4], w2: [4] } as const;
    const net = (w1: JaxArray, w2: JaxArray, xs: JaxArray, ys: JaxArray) => {
      const out = np.matmul(np.tanh(np.matmul(xs, w1)), w2).sub(ys);
      return out.ref.mul(out).mean();
    };
    const data = () => ({ x: np.array(x, { shape: [3, 2], dtype: np.float32 }), y: np.array(y, { dtype: np.float32 }) });
    const loss = (p: Params, d: { x: JaxArray; y: JaxArray }) => net(p.w1!, p.w2!, d.x, d.y);
    const theta = Array.from({ length: 12 }, (_, i) => Math.cos(1.3 * i));
    const v = Array.from({ length: 12 }, (_, i) => Math.sin(0.9 * i + 0.2));
    const record = (values: number[]): Params => ({
      w1: np.array(values.slice(0, 8), { shape: [...shapes.w1], dtype: np.float32 }),
      w2: np.array(values.slice(8), { dtype: np.float32 }),
    });

    const hv = jax.jit(hessianVectorProduct(loss))(record(theta), data(), record(v));
    const got = [...(await hv.w1!.data()), ...(await hv.w2!.data())];

    const d = data();
    const flatLoss = (flat: JaxArray) => net(flat.ref.slice([0, 8]).reshape([2, 4]), flat.slice([8, 12]), d.x.ref, d.y.ref);
    const hessian = await jax.hessian(flatLoss)(np.array(theta, { dtype: np.float32 })).data();
    jax.tree.dispose(d);
    const expected = Array.from({ length: 12 }, (_, i) => v.reduce((sum, vj, j) => sum + hessian[i * 12 + j]! * vj, 0));
    const scale = Math.max(...expected.map(Math.abs));
    got.forEach((g, i) => expect(Math.abs(g - expected[i]!)).toBeLessThan(1e-5 * scale));
  });
});

describe("stabilityThreshold", () => {
  it("is 2/η for SGD and RMSprop and (2 + 2β₁)/(η(1 − β₁)) for Adam", () => {
    expect(stabilityThreshold({ kind: "sgd" }, 0.1)).toBeCloseTo(20, 12);
    expect(stabilityThreshold({ kind: "rmsprop" }, 0.01)).toBeCloseTo(200, 10);
    expect(stabilityThreshold({ kind: "adam", b1: 0.9 }, 0.001)).toBeCloseTo(38000, 6);
  });
});
