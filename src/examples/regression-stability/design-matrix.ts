/**
 * The diabetes regression problem as a design matrix: all 442 samples (lrkit's train and
 * held-out parts together: the question here is the optimisation, not generalisation), each of the
 * 10 features standardised to mean 0 and population standard deviation 1 over the 442, and a
 * leading column of ones for the bias, so the model is ŷ = Xw with w ∈ ℝ¹¹ and the target y is
 * the disease progression score (25 … 346) unscaled.
 */
import { createDataset, type RegressionDataset } from "../../data/index.js";
import { loadDataset, type LoadOptions } from "../../data/node/index.js";

/** X row-major [n, d] with X[i, 0] = 1, and y [n]; as a dataset whose samples are the rows of X. */
export interface DesignMatrix {
  n: number;
  d: number;
  x: Float32Array;
  y: Float32Array;
  dataset: RegressionDataset;
}

export async function diabetesDesignMatrix(options: LoadOptions = {}): Promise<DesignMatrix> {
  const { train, test } = await loadDataset({ name: "diabetes" }, options);
  const parts = [train, test] as RegressionDataset[];
  const features = train.sampleShape[0]!;
  const n = train.n + test.n;
  const raw = new Float64Array(n * features);
  const y = new Float32Array(n);
  let row = 0;
  for (const part of parts) {
    raw.set(part.x, row * features);
    y.set(part.y, row);
    row += part.n;
  }
  const d = features + 1;
  const x = new Float32Array(n * d);
  for (let j = 0; j < features; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += raw[i * features + j]!;
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (raw[i * features + j]! - mean) ** 2;
    const std = Math.sqrt(variance / n) || 1;
    for (let i = 0; i < n; i++) x[i * d + 1 + j] = (raw[i * features + j]! - mean) / std;
  }
  for (let i = 0; i < n; i++) x[i * d] = 1;
  const dataset = createDataset<RegressionDataset>({ task: "regression", name: "diabetes (standardised, bias column)", n, x, y, sampleShape: [d] });
  return { n, d, x, y, dataset };
}
