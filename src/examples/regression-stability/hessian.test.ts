import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/node/index.js";
import { diabetesDesignMatrix } from "./design-matrix.js";
import { deviceHessian } from "./device-hessian.js";
import { leastSquaresHessian, symmetricEigenvalues } from "./hessian.js";
import { leastSquaresOptimum } from "./least-squares.js";

/** λ_max of a symmetric positive semi-definite matrix by power iteration. */
function powerIteration(a: readonly ArrayLike<number>[], iterations = 5000): number {
  let v = a.map(() => 1);
  let lambda = 0;
  for (let k = 0; k < iterations; k++) {
    const u = a.map((row) => v.reduce((sum, vj, j) => sum + row[j]! * vj, 0));
    lambda = Math.hypot(...u);
    v = u.map((x) => x / lambda);
  }
  return lambda;
}

/** Q = product of Givens rotations; returns Q·diag(d)·Qᵀ. */
function rotated(d: number[]): number[][] {
  const n = d.length;
  let q: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let p = 0; p < n - 1; p++) {
    const theta = 0.3 + p;
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    q = q.map((row) => row.map((v, j) => (j === p ? c * row[p]! - s * row[p + 1]! : j === p + 1 ? s * row[p]! + c * row[p + 1]! : v)));
  }
  return q.map((qi) => q.map((qj) => qi.reduce((sum, qik, k) => sum + qik * d[k]! * qj[k]!, 0)));
}

describe("symmetricEigenvalues", () => {
  it("finds the eigenvalues of small matrices with known spectra", () => {
    expect(symmetricEigenvalues([[2, 1], [1, 2]])).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
    expect(symmetricEigenvalues([[5]])).toEqual([5]);
    const spectrum = [-2, 0.001, 0.5, 3, 7, 40];
    const found = symmetricEigenvalues(rotated(spectrum));
    found.forEach((lambda, i) => expect(Math.abs(lambda - spectrum[i]!)).toBeLessThan(1e-12 * 40));
  });

  it("rejects a matrix that is not symmetric or not square", () => {
    expect(() => symmetricEigenvalues([[1, 2], [3, 4]])).toThrow(/not symmetric at \(0, 1\)/);
    expect(() => symmetricEigenvalues([[1, 2], [2]])).toThrow(/row 1 has 1 entries; expected 2/);
  });
});

describe("the diabetes Hessian", () => {
  it("is (2/n)XᵀX, equal to jax.hessian of the loss to float32 precision", async () => {
    const design = await diabetesDesignMatrix();
    expect([design.n, design.d]).toEqual([442, 11]);
    const host = leastSquaresHessian(design.x, design.n, design.d);
    const device = await deviceHessian(design);
    for (let a = 0; a < design.d; a++) for (let b = 0; b < design.d; b++) expect(Math.abs(device[a]![b]! - host[a]![b]!)).toBeLessThan(1e-5 * 2);
    expect(host[0]![0]).toBeCloseTo(2, 12);
    const lambdaMax = symmetricEigenvalues(host).at(-1)!;
    expect(Math.abs(symmetricEigenvalues(device).at(-1)! - lambdaMax) / lambdaMax).toBeLessThan(1e-5);
    expect(Math.abs(powerIteration(host) - lambdaMax) / lambdaMax).toBeLessThan(1e-10);
  });

  it("has λ_max = 2·max(1, λ_max(R)) for R the features' correlation matrix, computed from the raw data", async () => {
    const { train, test } = await loadDataset({ name: "diabetes" });
    const f = 10;
    const rows = [train, test].flatMap((part) => Array.from({ length: part.n }, (_, i) => Array.from(part.x.subarray(i * f, (i + 1) * f))));
    const mean = Array.from({ length: f }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
    const cov = (a: number, b: number) => rows.reduce((s, r) => s + (r[a]! - mean[a]!) * (r[b]! - mean[b]!), 0) / rows.length;
    const correlation = Array.from({ length: f }, (_, a) => Array.from({ length: f }, (_, b) => cov(a, b) / Math.sqrt(cov(a, a) * cov(b, b))));
    const expected = 2 * Math.max(1, powerIteration(correlation));
    const design = await diabetesDesignMatrix();
    const lambdaMax = symmetricEigenvalues(leastSquaresHessian(design.x, design.n, design.d)).at(-1)!;
    expect(Math.abs(lambdaMax - expected) / expected).toBeLessThan(1e-6);
    expect(2 / lambdaMax).toBeCloseTo(0.2485, 4);
  });
});

describe("leastSquaresOptimum", () => {
  it("solves the normal equations: zero gradient at w*, and J* below the loss of nearby points", async () => {
    const { n, d, x, y } = await diabetesDesignMatrix();
    const { w, loss } = leastSquaresOptimum(x, y, n, d);
    const residuals = Array.from({ length: n }, (_, i) => w.reduce((s, wj, j) => s + x[i * d + j]! * wj, -y[i]!));
    for (let j = 0; j < d; j++) expect(Math.abs(residuals.reduce((s, r, i) => s + r * x[i * d + j]!, 0) / n)).toBeLessThan(1e-9);
    expect(loss).toBeCloseTo(residuals.reduce((s, r) => s + r * r, 0) / n, 9);
    expect(w[0]).toBeCloseTo(y.reduce((s, v) => s + v, 0) / n, 3);
    const exact = leastSquaresOptimum([1, 0, 1, 1, 1, 2], [1, 3, 5], 3, 2);
    expect(exact.w.map((v) => Number(v.toFixed(12)))).toEqual([1, 2]);
    expect(exact.loss).toBeCloseTo(0, 20);
  });
});
