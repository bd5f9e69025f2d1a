/**
 * The least-squares optimum, the floor every run's loss is measured against: w* solves the
 * normal equations XᵀX w* = Xᵀy (∇J(w*) = (2/n)Xᵀ(Xw* − y) = 0), by Gaussian elimination with
 * partial pivoting in float64, and J* = (1/n)‖Xw* − y‖².
 */
export function leastSquaresOptimum(x: ArrayLike<number>, y: ArrayLike<number>, n: number, d: number): { w: number[]; loss: number } {
  const a = Array.from({ length: d }, () => new Float64Array(d + 1));
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < d; r++) {
      const xr = x[i * d + r]!;
      for (let c = 0; c < d; c++) a[r]![c]! += xr * x[i * d + c]!;
      a[r]![d]! += xr * y[i]!;
    }
  }
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (a[pivot]![col] === 0) throw new Error(`leastSquaresOptimum: XᵀX is singular (column ${col})`);
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = col + 1; r < d; r++) {
      const factor = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= d; c++) a[r]![c]! -= factor * a[col]![c]!;
    }
  }
  const w = new Array<number>(d).fill(0);
  for (let r = d - 1; r >= 0; r--) {
    let sum = a[r]![d]!;
    for (let c = r + 1; c < d; c++) sum -= a[r]![c]! * w[c]!;
    w[r] = sum / a[r]![r]!;
  }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let residual = -y[i]!;
    for (let c = 0; c < d; c++) residual += x[i * d + c]! * w[c]!;
    loss += residual * residual;
  }
  return { w, loss: loss / n };
}
