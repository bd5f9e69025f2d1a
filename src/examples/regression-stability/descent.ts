/**
 * Gradient descent on the diabetes least-squares problem, one jitted step for every method and η:
 *
 *   g = ∇_w (1/B)‖X_b w − y_b‖²   on a batch b of B rows (B = n: full batch; B = 1: SGD)
 *   w ← w − η g                    lrkit's SGD (no momentum), η a traced scalar
 *   J(w) = (1/n)‖Xw − y‖²          the full-data loss after the step, read back every step
 *
 * from w = 0, float32 on the device. Mini-batches are a seeded shuffle per epoch (the data
 * pipeline's `batches`; the last batch of an epoch may be smaller). A run stops as diverged at the
 * first step whose full-data loss is not finite or above 100·J(0), a hundred times the loss of the
 * all-zero model it started from (J(0) = mean(y²)). The margin matters for SGD: its first
 * single-sample steps from w = 0 can make the full-data loss exceed J(0) for a while even at an η
 * that goes on to converge.
 */
import { batches } from "../../data/index.js";
import { jax, type JaxArray, type Params } from "../../engine/index.js";
import { createOptimizer, type Hyper, type OptimizerState } from "../../optim/index.js";
import type { DesignMatrix } from "./design-matrix.js";

const np = jax.numpy;

export interface DescentRun {
  batchSize: number;
  lr: number;
  /** Steps taken (up to and including the diverging one). */
  steps: number;
  /** Full-data loss after the last step taken. */
  finalLoss: number;
  /** Lowest full-data loss seen after any step. */
  bestLoss: number;
  /** 1-based step at which the loss first exceeded `divergenceLoss` or stopped being finite; null if never. */
  divergedAt: number | null;
  /** Full-data loss after every step: kept for full-batch runs only (one step per epoch). */
  stepLoss: number[];
  /** Full-data loss at the end of each completed epoch. */
  epochLoss: number[];
}

export interface Descent {
  /** The starting loss J(0) = mean(y²), in float64 on the host. */
  initialLoss: number;
  /** 100·J(0): a run whose loss goes above it has diverged. */
  divergenceLoss: number;
  run(options: { batchSize: number; lr: number; epochs: number; seed: number }): Promise<DescentRun>;
  dispose(): void;
}

function meanSquaredError(w: JaxArray, x: JaxArray, y: JaxArray): JaxArray {
  const residual = np.matmul(x, w).sub(y);
  return residual.ref.mul(residual).mean();
}

export function createDescent(design: DesignMatrix): Descent {
  const { n, d } = design;
  const optimizer = createOptimizer({ type: "SGD", lr: 0.01 });
  const xAll = np.array(design.x, { shape: [n, d], dtype: np.float32 });
  const yAll = np.array(design.y, { shape: [n], dtype: np.float32 });
  const initialLoss = design.y.reduce((sum, v) => sum + v * v, 0) / n;
  const divergenceLoss = 100 * initialLoss;

  const step = jax.jit((params: Params, state: OptimizerState, xb: JaxArray, yb: JaxArray, x: JaxArray, y: JaxArray, hyper: Hyper) => {
    const grads = jax.grad((p: Params) => meanSquaredError(p.w!, xb, yb))(jax.tree.ref(params));
    const [next, nextState] = optimizer.step(params, grads, state, hyper);
    jax.tree.dispose(hyper);
    const loss = meanSquaredError(next.w!.ref, x, y);
    return { params: next, state: nextState, loss };
  });

  async function run({ batchSize, lr, epochs, seed }: { batchSize: number; lr: number; epochs: number; seed: number }): Promise<DescentRun> {
    let params: Params = { w: np.zeros([d], { dtype: np.float32 }) };
    let state = optimizer.init(params);
    const full = batchSize >= n;
    const stepLoss: number[] = [];
    const epochLoss: number[] = [];
    let steps = 0;
    let loss = initialLoss;
    let bestLoss = Infinity;
    let divergedAt: number | null = null;
    try {
      for (let epoch = 0; epoch < epochs && divergedAt === null; epoch++) {
        for (const batch of batches(design.dataset, { batchSize, shuffle: !full, seed, epoch })) {
          const xb = np.array(batch.x, { shape: [batch.size, d], dtype: np.float32 });
          const yb = np.array(batch.y, { shape: [batch.size], dtype: np.float32 });
          const out = step(params, state, xb, yb, xAll.ref, yAll.ref, { lr: np.array(lr, { dtype: np.float32 }) });
          params = out.params;
          state = out.state;
          loss = (await out.loss.data())[0]!;
          steps++;
          if (full) stepLoss.push(loss);
          bestLoss = Math.min(bestLoss, loss);
          if (!(loss <= divergenceLoss)) {
            divergedAt = steps;
            break;
          }
        }
        if (divergedAt === null) epochLoss.push(loss);
      }
    } finally {
      jax.tree.dispose({ params, state });
    }
    return { batchSize, lr, steps, finalLoss: loss, bestLoss, divergedAt, stepLoss, epochLoss };
  }

  return {
    initialLoss,
    divergenceLoss,
    run,
    dispose() {
      step.dispose();
      xAll.dispose();
      yAll.dispose();
    },
  };
}
