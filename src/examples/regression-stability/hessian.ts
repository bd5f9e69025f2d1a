/**
 * The curvature of least squares, on the host in float64.
 *
 * For J(w) = (1/n)‖Xw − y‖², ∇J = (2/n)Xᵀ(Xw − y) and the Hessian is constant:
 *
 *   H = (2/n) XᵀX.
 *
 * Full-batch gradient descent w ← w − η∇J gives w − w* ← (I − ηH)(w − w*), so along an
 * eigenvector of H with eigenvalue λ the error is multiplied by (1 − ηλ) every step: the run
 * converges iff |1 − ηλ| < 1 for every λ, i.e. η < η_max = 2/λ_max. Then J(w) − J(w*) =
 * ½ Σᵢ λᵢ cᵢ² (1 − ηλᵢ)^(2k) falls at every step; just above η_max the top direction grows by
 * |1 − ηλ_max| > 1 per step and the loss eventually grows without bound.
 *
 * With standardised features (mean 0, population variance 1) and a column of ones, XᵀX/n is
 * block-diagonal: 1 for the bias and the features' correlation matrix R, so
 * λ_max(H) = 2·max(1, λ_max(R)): at most 2·(number of features), reached when all features are
 * perfectly correlated.
 */

/** H = (2/n)XᵀX for X row-major [n, d], accumulated in float64. */
export function leastSquaresHessian(x: ArrayLike<number>, n: number, d: number): Float64Array[] {
  const h = Array.from({ length: d }, () => new Float64Array(d));
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = x[i * d + a]!;
      for (let b = a; b < d; b++) h[a]![b]! += xa * x[i * d + b]!;
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      h[a]![b] = (2 / n) * h[a]![b]!;
      h[b]![a] = h[a]![b]!;
    }
  }
  return h;
}

/**
 * The eigenvalues of a symmetric matrix, ascending, by the cyclic Jacobi method (Golub & Van Loan,
 * Matrix Computations, §8.5): each rotation J(p, q, θ) with t = tan θ = sgn(τ)/(|τ| + √(1 + τ²)),
 * τ = (a_qq − a_pp)/(2a_pq), sets a_pq to 0; sweeps repeat until the off-diagonal mass is below
 * 1e-30 of the total, leaving the eigenvalues on the diagonal to about float64 precision.
 * Throws on a non-square or non-symmetric matrix.
 */
export function symmetricEigenvalues(matrix: readonly ArrayLike<number>[]): number[] {
  const n = matrix.length;
  const a = matrix.map((row) => Float64Array.from(row));
  let total = 0;
  for (let p = 0; p < n; p++) {
    if (a[p]!.length !== n) throw new Error(`symmetricEigenvalues: row ${p} has ${a[p]!.length} entries; expected ${n}`);
    for (let q = 0; q < n; q++) {
      const apq = a[p]![q]!;
      total += apq * apq;
      if (Math.abs(apq - matrix[q]![p]!) > 1e-12 * (Math.abs(apq) + 1)) throw new Error(`symmetricEigenvalues: the matrix is not symmetric at (${p}, ${q})`);
    }
  }
  for (let sweep = 0; sweep < 100 && offDiagonal(a) > 1e-30 * total; sweep++) {
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const tau = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]!).sort((u, v) => u - v);
}

function offDiagonal(a: Float64Array[]): number {
  let sum = 0;
  for (let p = 0; p < a.length; p++) for (let q = 0; q < a.length; q++) if (p !== q) sum += a[p]![q]! ** 2;
  return sum;
}
