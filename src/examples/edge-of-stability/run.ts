/**
 * The edge of stability (Cohen et al. 2021, arXiv 2103.00065): full-batch gradient descent at step
 * size η drives the sharpness λ_max(∇²J) up until it reaches 2/η, then hovers there while the loss
 * keeps falling non-monotonically — not the picture of a fixed curvature that a step must stay under.
 *
 * Setup, as the paper's: MSE on one-hot targets, J(θ) = (1/n) Σᵢ ‖f(xᵢ; θ) − e_{yᵢ}‖² / 2, a
 * 784-`hidden`-10 tanh MLP (PyTorch's default initialisation, seeded), the first `images` MNIST
 * training images, full-batch GD at each η; λ_max by `sharpnessProbe` every `every` steps
 * (≈ 2·iters gradient evaluations per probe) on the same full batch.
 */
import { loadDataset } from "../../data/node/index.js";
import { jax, type JaxArray, type Params } from "../../engine/index.js";
import { linear, sequential, tanh, createModelFromLayer } from "../../nn/index.js";
import { sharpnessProbe } from "../../train/index.js";

const np = jax.numpy;

export interface EdgeOfStabilityOptions {
  lrs?: readonly number[];
  images?: number;
  hidden?: number;
  steps?: number;
  every?: number;
  iters?: number;
  seed?: number;
  onProgress?: (p: { lr: number; step: number; loss: number; sharpness: number }) => void;
}

export interface EdgeOfStabilityRun {
  eta: number;
  /** 2/η. */
  threshold: number;
  steps: number[];
  sharpness: number[];
  loss: number[];
}

export interface EdgeOfStabilityResult {
  images: number;
  runs: EdgeOfStabilityRun[];
}

type Batch = { x: JaxArray; y: JaxArray };

export async function runEdgeOfStability(options: EdgeOfStabilityOptions = {}): Promise<EdgeOfStabilityResult> {
  const { lrs = [0.1, 0.15, 0.2], images = 1000, hidden = 32, steps = 200, every = 10, iters = 10, seed = 0 } = options;
  const { train } = await loadDataset({ name: "mnist", limit: images });
  const n = Math.min(images, train.n);
  const d = 784;
  const oneHot = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) oneHot[i * 10 + train.y[i]!] = 1;
  const model = createModelFromLayer(sequential(linear(d, hidden), tanh(), linear(hidden, 10)), [d]);
  const loss = (params: Params, batch: Batch): JaxArray => {
    const residual = model.apply(params, {}, batch.x, { train: false }).y.sub(batch.y);
    return np.sum(residual.ref.mul(residual)).mul(0.5 / n);
  };
  const step = jax.jit((params: Params, batch: Batch, lr: JaxArray): { params: Params; loss: JaxArray } => {
    const [value, grads] = jax.valueAndGrad(loss)(jax.tree.ref(params), batch);
    const next: Params = {};
    for (const [name, p] of Object.entries(params)) next[name] = p.sub(grads[name]!.mul(lr.ref));
    lr.dispose();
    return { params: next, loss: value };
  });
  const probe = sharpnessProbe(loss, { iters, seed });
  const batch: Batch = { x: np.array(train.x.subarray(0, n * d), { shape: [n, d], dtype: np.float32 }), y: np.array(oneHot, { shape: [n, 10], dtype: np.float32 }) };
  const runs: EdgeOfStabilityRun[] = [];
  try {
    for (const eta of lrs) {
      let params = model.init({ seed }).params;
      const run: EdgeOfStabilityRun = { eta, threshold: 2 / eta, steps: [], sharpness: [], loss: [] };
      for (let t = 0; t <= steps; t++) {
        if (t % every === 0) {
          const sharpness = await probe.probe(params, batch);
          run.steps.push(t);
          run.sharpness.push(sharpness);
          const value = (await loss(jax.tree.ref(params), jax.tree.ref(batch)).data())[0]!;
          run.loss.push(value);
          options.onProgress?.({ lr: eta, step: t, loss: value, sharpness });
        }
        if (t === steps) break;
        const out = step(params, jax.tree.ref(batch), np.array(eta, { dtype: np.float32 }));
        params = out.params;
        out.loss.dispose();
      }
      jax.tree.dispose(params);
      runs.push(run);
    }
  } finally {
    probe.dispose();
    step.dispose();
    jax.tree.dispose(batch);
  }
  return { images: n, runs };
}
