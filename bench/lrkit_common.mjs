/**
 * lrkit pieces shared by the bench worker and the profiler: a classification dataset from host
 * arrays, a model trained block by block through `createTrainer().fit` with per-step wall times,
 * and a test-accuracy evaluator. `lk` is the imported lrkit module.
 */
import { performance } from "node:perf_hooks";
import { CLASSES } from "./data.mjs";
import { cpuMs } from "./protocol.mjs";

const classes = Array.from({ length: CLASSES }, (_, i) => String(i));

export function mnistDataset(lk, name, { x, y, n }, sampleShape) {
  return lk.createDataset({ name, task: "classification", n, x, y, sampleShape, classes });
}

export const crossEntropy = (lk) => (output, target) => lk.nn.crossEntropyLoss(output, target);

/** A model trained block by block through `createTrainer().fit`, with per-step wall times. */
export function createTrainingRunner(lk, { model, optimizer, lr, momentum, train, batchSize, dropLast, callbacks = [] }) {
  const trainer = lk.createTrainer({ model, loss: crossEntropy(lk), optimizer, lr, momentum });
  let { params, buffers } = model.init({ seed: 0 });
  let optState;
  let step = 0;
  let epoch = 0;
  const source = lk.batchSource(train, { batchSize, seed: 0, dropLast });
  let batches = source.epoch(0)[Symbol.iterator]();
  const nextBatch = () => {
    let r = batches.next();
    if (r.done) {
      batches = source.epoch(++epoch)[Symbol.iterator]();
      r = batches.next();
    }
    return r.value;
  };
  return {
    batchesPerEpoch: source.batchesPerEpoch,
    get params() {
      return params;
    },
    get buffers() {
      return buffers;
    },
    async run(n) {
      const times = [];
      const cpu = [];
      const losses = [];
      const block = {
        batchesPerEpoch: n,
        *epoch() {
          for (let k = 0; k < n; k++) yield nextBatch();
        },
      };
      let t = performance.now();
      let c = cpuMs();
      const timer = {
        afterBatch(state) {
          const now = performance.now();
          const cNow = cpuMs();
          times.push(now - t);
          cpu.push(cNow - c);
          losses.push(state.loss);
          t = now;
          c = cNow;
        },
      };
      const out = await trainer.fit({ params, buffers, optState, train: block, epochs: 1, startStep: step, seed: 0, callbacks: [...callbacks, timer] });
      params = out.params;
      buffers = out.buffers;
      optState = out.optState;
      step = out.steps;
      return { times, cpu, losses };
    },
  };
}

/** Test accuracy with one jitted eval-mode forward pass per 1000 samples; borrows params and buffers. */
export function createEvaluator(lk, model) {
  const { jax } = lk;
  const np = jax.numpy;
  const forward = jax.jit((params, buffers, x) => {
    const out = model.apply(params, buffers, x, { train: false });
    jax.tree.dispose(out.buffers);
    return out.y;
  });
  return async (params, buffers, test) => {
    let correct = 0;
    for (const batch of lk.batches(test, { batchSize: 1000 })) {
      const x = np.array(batch.x, { shape: [batch.size, ...test.sampleShape], dtype: np.float32 });
      const logits = await forward(jax.tree.ref(params), jax.tree.ref(buffers), x).data();
      const predicted = lk.nn.predictClasses(logits, CLASSES);
      for (let i = 0; i < batch.size; i++) if (predicted[i] === batch.y[i]) correct++;
    }
    return correct / test.n;
  };
}

