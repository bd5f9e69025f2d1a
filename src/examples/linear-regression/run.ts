/**
 * The seed example: a house-price line fitted by full-batch gradient descent.
 *
 * Data X = [1, 2, 3, 4, 5] (house sizes), y = [2, 4, 5, 4, 5]; model ŷ = w·x + b with w = b = 0 at
 * the start; loss J(w, b) = (1/n) Σᵢ (w·xᵢ + b − yᵢ)² (mean squared error); each epoch takes one
 * step θ ← θ − η·∇J(θ) with PyTorch's SGD at η = 0.01, for 1000 epochs in float32.
 * PyTorch ends at slope 0.6176947951316833, intercept 2.1361162662506104, with 0.4807479977607727
 * the loss of the last epoch (computed before its update).
 */
import { jax, type JaxArray } from "../../engine/index.js";
import { createOptimizer, type OptimizerSpec } from "../../optim/index.js";

const np = jax.numpy;

export interface LinearRegressionOptions {
  xs?: number[];
  ys?: number[];
  epochs?: number;
  optimizer?: OptimizerSpec;
}

export interface LinearRegressionResult {
  slope: number;
  intercept: number;
  loss: number;
  epochs: number;
  lossHistory: number[];
}

type LineParams = { weight: JaxArray; bias: JaxArray };

function meanSquaredError(params: LineParams, x: JaxArray, y: JaxArray): JaxArray {
  const residual = x.mul(params.weight).add(params.bias).sub(y);
  return np.mean(residual.ref.mul(residual));
}

export async function linearRegression(options: LinearRegressionOptions = {}): Promise<LinearRegressionResult> {
  const xs = options.xs ?? [1, 2, 3, 4, 5];
  const ys = options.ys ?? [2, 4, 5, 4, 5];
  const epochs = options.epochs ?? 1000;
  const optimizer = createOptimizer(options.optimizer ?? { type: "SGD", lr: 0.01 });

  const x = np.array(xs, { dtype: np.float32 });
  const y = np.array(ys, { dtype: np.float32 });
  let params: LineParams = { weight: np.zeros([], { dtype: np.float32 }), bias: np.zeros([], { dtype: np.float32 }) };
  let state = optimizer.init(params);

  const step = jax.jit((p: LineParams, s: typeof state, xb: JaxArray, yb: JaxArray) => {
    const [loss, grads] = jax.valueAndGrad(meanSquaredError)(jax.tree.ref(p), xb, yb);
    const [next, nextState] = optimizer.step(p, grads, s);
    return { params: next as LineParams, state: nextState, loss };
  });

  const lossHistory: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const out = step(params, state, x.ref, y.ref);
    params = out.params;
    state = out.state;
    lossHistory.push((await out.loss.data())[0]!);
  }
  step.dispose();
  x.dispose();
  y.dispose();
  jax.tree.dispose(state);
  const slope = (await params.weight.data())[0]!;
  const intercept = (await params.bias.data())[0]!;
  return { slope, intercept, loss: lossHistory.at(-1) ?? NaN, epochs, lossHistory };
}
