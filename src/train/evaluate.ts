/**
 * Evaluation: the model's outputs on a whole dataset in eval mode (BatchNorm running statistics,
 * no dropout), in batches through one jitted forward pass, then metrics on the host. Where the
 * batches' kernels run (jax-js's worker pool or this thread) is chosen as the trainer chooses it
 * (kernel-placement.ts), over the evaluator's successive batches.
 *
 * Metrics by objective:
 * - CrossEntropyLoss: loss, accuracy (argmax of the logits).
 * - BCEWithLogitsLoss: loss, accuracy, precision, recall, f1 at threshold 0.5 on σ(z), roc_auc,
 *   pr_auc (average precision).
 * - MSELoss / HuberLoss: loss, mae, rmse, r2.
 * `loss` is the mean of the training loss over all samples.
 */
import { batches, type Dataset } from "../data/index.js";
import { jax, type JaxArray, type Params } from "../engine/index.js";
import { accuracy, averagePrecision, f1, mae, precision, predictClasses, r2, recall, rmse, rocAuc, thresholdClasses } from "../nn/index.js";
import type { Metrics } from "./callback.js";
import type { LossName, Objective } from "./objective.js";
import { kernelPlacement, type KernelPlacement } from "./kernel-placement.js";
import type { TrainableModel } from "./training-loss.js";

const np = jax.numpy;

export interface Evaluator {
  /** Borrows params and buffers. */
  evaluate(params: Params, buffers: Params, dataset: Dataset): Promise<Metrics>;
  /** The raw model outputs (flattened [n·outputs]); borrows params and buffers. */
  outputs(params: Params, buffers: Params, dataset: Dataset): Promise<{ outputs: Float32Array; loss: number }>;
  dispose(): void;
}

export function createEvaluator(model: TrainableModel, objective: Objective, batchSize = 1000, kernels: KernelPlacement = "auto"): Evaluator {
  /** The batch's outputs, flattened, followed by its mean loss: one array, so one read per batch. */
  const forward = jax.jit((params: Params, buffers: Params, x: JaxArray, y: JaxArray) => {
    const out = model.apply(params, buffers, x, { train: false });
    jax.tree.dispose(out.buffers);
    const loss = objective.loss(out.y.ref, y);
    return np.concatenate([out.y.reshape([-1]).astype(np.float32), loss.reshape([1]).astype(np.float32)]);
  });
  let placement: ReturnType<typeof kernelPlacement> | undefined;

  async function outputs(params: Params, buffers: Params, dataset: Dataset) {
    placement ??= kernelPlacement(kernels, Object.values(params)[0]?.device ?? "wasm");
    // Training may have left work on the pool that produces these parameters; a batch evaluated on
    // this thread must not start before it ends.
    await jax.blockUntilReady([params, buffers]);
    const result = new Float32Array(dataset.n * objective.outputs);
    let lossSum = 0;
    let offset = 0;
    for (const batch of batches(dataset, { batchSize })) {
      const x = np.array(batch.x, { shape: [batch.size, ...dataset.sampleShape], dtype: np.float32 });
      const y = np.array(batch.y, { shape: [batch.size], dtype: batch.y instanceof Int32Array ? np.int32 : np.float32 });
      const values = await placement.read(forward(jax.tree.ref(params), jax.tree.ref(buffers), x, y));
      const count = batch.size * objective.outputs;
      result.set(values.subarray(0, count), offset);
      lossSum += values[count]! * batch.size;
      offset += count;
    }
    return { outputs: result, loss: lossSum / dataset.n };
  }

  return {
    outputs,
    async evaluate(params, buffers, dataset) {
      const { outputs: out, loss } = await outputs(params, buffers, dataset);
      return metricsFor(objective, out, dataset, loss);
    },
    dispose() {
      forward.dispose();
    },
  };
}

const regressionMetrics = ["loss", "mae", "rmse", "r2"] as const;

/** The names of the metrics an evaluation reports for each loss: what `monitor` keys may name. */
export const metricNames: Readonly<Record<LossName, readonly string[]>> = {
  CrossEntropyLoss: ["loss", "accuracy"],
  BCEWithLogitsLoss: ["loss", "accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc"],
  MSELoss: regressionMetrics,
  HuberLoss: regressionMetrics,
};

function metricsFor(objective: Objective, out: Float32Array, dataset: Dataset, loss: number): Metrics {
  const y = dataset.y;
  switch (objective.lossName) {
    case "CrossEntropyLoss":
      return { loss, accuracy: accuracy(predictClasses(out, objective.outputs), y) };
    case "BCEWithLogitsLoss": {
      const probabilities = out.map((z) => 1 / (1 + Math.exp(-z)));
      const predicted = thresholdClasses(probabilities);
      return {
        loss,
        accuracy: accuracy(predicted, y),
        precision: precision(predicted, y),
        recall: recall(predicted, y),
        f1: f1(predicted, y),
        roc_auc: rocAuc(y, probabilities),
        pr_auc: averagePrecision(y, probabilities),
      };
    }
    default:
      return { loss, mae: mae(out, y), rmse: rmse(out, y), r2: r2(out, y) };
  }
}
