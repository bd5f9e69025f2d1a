/**
 * `runRegressionStability`: how large η may be, from the curvature, on the diabetes regression.
 *
 * 1. The Hessian of J(w) = (1/n)‖Xw − y‖² is H = (2/n)XᵀX (hessian.ts); its eigenvalues, in
 *    float64 on the host, give the largest stable step of full-batch gradient descent,
 *    η_max = 2/λ_max, cross-checked against `jax.hessian` on the device.
 * 2. Full-batch GD (B = n), mini-batch SGD (B = 32) and SGD (B = 1) run from w = 0 for the same
 *    number of epochs at each η in `lrs` and at `fractions` × η_max (default 0.95 and 1.05: just
 *    below, the loss falls at every full-batch step; just above, it eventually grows without bound).
 *
 * Batch-1 SGD has its own limit: its step on sample i, w ← w − 2η xᵢ(xᵢᵀw − yᵢ), multiplies that
 * sample's residual by 1 − 2η‖xᵢ‖², overshooting it once η > 1/‖xᵢ‖², which with 11 columns of
 * unit scale (‖xᵢ‖² ≈ 11) is far below η_max; every such step is non-expansive (‖I − 2ηxᵢxᵢᵀ‖ ≤ 1)
 * when η ≤ 1/maxᵢ‖xᵢ‖².
 *
 * Defaults: η ∈ {0.001, 0.01, 0.05, 0.1} plus 0.95·η_max and 1.05·η_max, 100 epochs, seed 0 (the
 * mini-batch order); about 20 s on this project's 2-core machine, mostly the 44,200 steps of each
 * SGD run that does not diverge.
 */
import { z } from "zod";
import { parseSpec } from "../../spec/index.js";
import { createDescent, type DescentRun } from "./descent.js";
import { diabetesDesignMatrix } from "./design-matrix.js";
import { deviceHessian } from "./device-hessian.js";
import { leastSquaresHessian, symmetricEigenvalues } from "./hessian.js";
import { leastSquaresOptimum } from "./least-squares.js";

export type Method = "full-batch" | "mini-batch" | "sgd";

export interface StabilityRun extends DescentRun {
  method: Method;
  /** The η as a fraction of η_max ("0.95·η_max"), when it was given as one. */
  relative?: number;
}

export interface StabilityProgress {
  method: Method;
  lr: number;
  /** 1-based index of the run that just finished, of `total`. */
  run: number;
  total: number;
}

export interface RegressionStabilityOptions {
  /** Learning rates tried with every method. Default [0.001, 0.01, 0.05, 0.1]. */
  lrs?: number[];
  /** Multiples of η_max tried with every method. Default [0.95, 1.05]. */
  fractions?: number[];
  /** Passes over the 442 samples per run. Default 100. */
  epochs?: number;
  /** Mini-batch size of the "mini-batch" method. Default 32. */
  miniBatch?: number;
  /** Seeds the shuffled batch order. Default 0. */
  seed?: number;
  onProgress?: (progress: StabilityProgress) => void;
}

export interface RegressionStabilityResult {
  samples: number;
  /** Columns of X: the features and the bias. */
  parameters: number;
  /** J(0) = mean(y²), the loss at the start. */
  initialLoss: number;
  /** 100·J(0): a run whose full-data loss goes above it (or is not finite) has diverged. */
  divergenceLoss: number;
  /** J* = min J, from the normal equations in float64. */
  optimalLoss: number;
  /** Eigenvalues of H = (2/n)XᵀX in float64, ascending. */
  eigenvalues: number[];
  lambdaMax: number;
  lambdaMin: number;
  /** κ = λ_max / λ_min. */
  conditionNumber: number;
  /** 2/λ_max. */
  etaMax: number;
  /** λ_max of `jax.hessian` of the float32 loss. */
  jaxLambdaMax: number;
  /** Batch-1 SGD: 1/maxᵢ‖xᵢ‖² (every per-sample step non-expansive below it) and 1/medianᵢ‖xᵢ‖². */
  sgdSafeLr: number;
  sgdMedianLr: number;
  epochs: number;
  miniBatch: number;
  seed: number;
  runs: StabilityRun[];
  seconds: number;
}

const optionsSchema = z.strictObject({
  lrs: z.array(z.number().positive().finite()).optional(),
  fractions: z.array(z.number().positive().finite()).optional(),
  epochs: z.int().positive().optional(),
  miniBatch: z.int().positive().optional(),
  seed: z.int().optional(),
  onProgress: z.custom<RegressionStabilityOptions["onProgress"]>((v) => typeof v === "function", "a function").optional(),
});

export async function runRegressionStability(options: RegressionStabilityOptions = {}): Promise<RegressionStabilityResult> {
  const parsed = parseSpec(optionsSchema, options, "regression-stability");
  const { lrs = [0.001, 0.01, 0.05, 0.1], fractions = [0.95, 1.05], epochs = 100, miniBatch = 32, seed = 0, onProgress } = parsed;
  const started = performance.now();
  const design = await diabetesDesignMatrix();
  const eigenvalues = symmetricEigenvalues(leastSquaresHessian(design.x, design.n, design.d));
  const lambdaMax = eigenvalues.at(-1)!;
  const lambdaMin = eigenvalues[0]!;
  const etaMax = 2 / lambdaMax;
  const jaxLambdaMax = symmetricEigenvalues(await deviceHessian(design)).at(-1)!;
  const { safe, median } = sgdLimits(design.x, design.n, design.d);

  const methods: [Method, number][] = [
    ["full-batch", design.n],
    ["mini-batch", miniBatch],
    ["sgd", 1],
  ];
  const grid: { lr: number; relative?: number }[] = [...lrs.map((lr) => ({ lr })), ...fractions.map((f) => ({ lr: f * etaMax, relative: f }))];
  const descent = createDescent(design);
  const runs: StabilityRun[] = [];
  try {
    for (const [method, batchSize] of methods) {
      for (const { lr, relative } of grid) {
        const run = await descent.run({ batchSize, lr, epochs, seed });
        runs.push({ method, ...(relative === undefined ? {} : { relative }), ...run });
        onProgress?.({ method, lr, run: runs.length, total: methods.length * grid.length });
      }
    }
  } finally {
    descent.dispose();
  }
  return {
    samples: design.n,
    parameters: design.d,
    initialLoss: descent.initialLoss,
    divergenceLoss: descent.divergenceLoss,
    optimalLoss: leastSquaresOptimum(design.x, design.y, design.n, design.d).loss,
    eigenvalues,
    lambdaMax,
    lambdaMin,
    conditionNumber: lambdaMax / lambdaMin,
    etaMax,
    jaxLambdaMax,
    sgdSafeLr: safe,
    sgdMedianLr: median,
    epochs,
    miniBatch,
    seed,
    runs,
    seconds: (performance.now() - started) / 1000,
  };
}

/** 1/maxᵢ‖xᵢ‖² and 1/medianᵢ‖xᵢ‖² over the rows of X. */
function sgdLimits(x: Float32Array, n: number, d: number): { safe: number; median: number } {
  const norms = Array.from({ length: n }, (_, i) => {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += x[i * d + j]! ** 2;
    return sum;
  }).sort((a, b) => a - b);
  const middle = n % 2 === 1 ? norms[(n - 1) / 2]! : (norms[n / 2 - 1]! + norms[n / 2]!) / 2;
  return { safe: 1 / norms.at(-1)!, median: 1 / middle };
}
