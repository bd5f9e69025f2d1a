/**
 * The TensorFlow.js side of the bench, one task per process:
 * `node bench/tfjs_worker.mjs --task mlp --backend wasm` (or `--backend cpu`, the pure-JS kernels).
 *
 * Models are Layers models trained with the usual custom loop, `optimizer.minimize(() => loss)`,
 * initialised with PyTorch's scale (weights and biases U(−1/√fan_in, 1/√fan_in)), on the same data
 * as the other runtimes (NHWC, which for one channel is the same memory as NCHW). The wasm backend
 * is single-threaded here (Node has no cross-origin isolation), with SIMD.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { performance } from "node:perf_hooks";
import { CLASSES, MLP_SAMPLES, OPT_SHAPES, randomTensors, readMnist } from "./data.mjs";
import { arg, cpuMs, lossFalls, mulberry32, serve, timeRuns } from "./protocol.mjs";

const task = arg("task");
const backend = arg("backend", "wasm");
await tf.setBackend(backend);
await tf.ready();

const weights = () => tf.initializers.varianceScaling({ scale: 1 / 3, mode: "fanIn", distribution: "uniform" });
const biases = (fanIn) => tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn) });
const dense = (inputs, units, extra = {}) => tf.layers.dense({ units, kernelInitializer: weights(), biasInitializer: biases(inputs), ...extra });
const conv = (inChannels, filters, extra = {}) =>
  tf.layers.conv2d({ filters, kernelSize: 3, activation: "relu", kernelInitializer: weights(), biasInitializer: biases(inChannels * 9), ...extra });

function mlpModel() {
  return tf.sequential({ layers: [dense(784, 256, { inputShape: [784], activation: "relu" }), dense(256, CLASSES)] });
}

function seedCnn() {
  return tf.sequential({
    layers: [
      conv(1, 32, { inputShape: [28, 28, 1] }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      conv(32, 64),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      dense(1600, CLASSES),
    ],
  });
}

/** Seeded shuffled batches gathered from host memory, as the other runtimes do. */
function batchStream({ x, y, n }, batchSize, sampleShape) {
  const d = x.length / n;
  const rand = mulberry32(0);
  const perEpoch = Math.floor(n / batchSize);
  let order;
  let k = perEpoch;
  return () => {
    if (k >= perEpoch) {
      order = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      k = 0;
    }
    const bx = new Float32Array(batchSize * d);
    const by = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      const s = order[k * batchSize + i];
      bx.set(x.subarray(s * d, (s + 1) * d), i * d);
      by[i] = y[s];
    }
    k++;
    return { x: tf.tensor(bx, [batchSize, ...sampleShape]), y: tf.tensor1d(by, "int32") };
  };
}

function trainingRunner(model, data, batchSize, sampleShape) {
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const next = batchStream(data, batchSize, sampleShape);
  return {
    async run(n) {
      const times = [];
      const cpu = [];
      const losses = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const c = cpuMs();
        const { x, y } = next();
        const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(tf.oneHot(y, CLASSES), model.apply(x, { training: true })), true);
        losses.push((await loss.data())[0]);
        tf.dispose([x, y, loss]);
        times.push(performance.now() - t);
        cpu.push(cpuMs() - c);
      }
      return { times, cpu, losses, tensors: tf.memory().numTensors };
    },
  };
}

/** optimizer.applyGradients on 10 variables with fixed gradients; the kernels run synchronously. */
async function optimizerBench({ optimizer: kind, size, warm = 3 }) {
  const shapes = OPT_SHAPES[size];
  const init = randomTensors(shapes, 3);
  const gradData = randomTensors(shapes, 4);
  const variables = shapes.map((s, i) => tf.variable(tf.tensor(init[i], s), true, `p${i}`));
  const grads = Object.fromEntries(shapes.map((s, i) => [`p${i}`, tf.tensor(gradData[i], s)]));
  const lr = kind === "adam" ? 1e-3 : 1e-2;
  const optimizer = kind === "adam" ? tf.train.adam(lr, 0.9, 0.999, 1e-8) : tf.train.momentum(lr, 0.9);
  optimizer.applyGradients(grads);
  const first = (await variables[0].data())[0];
  const expected = init[0][0] - (kind === "adam" ? lr * Math.sign(gradData[0][0]) : lr * gradData[0][0]);
  for (let k = 0; k < warm; k++) optimizer.applyGradients(grads);
  return {
    sanity: { first, expected, ok: Math.abs(first - expected) <= 1e-6 + 1e-3 * lr },
    run: (n) => timeRuns(n, () => optimizer.applyGradients(grads)),
  };
}

let runner;

await serve({
  async setup(o) {
    const t0 = performance.now();
    if (task === "opt") {
      runner = await optimizerBench(o);
      return { setupSeconds: (performance.now() - t0) / 1000, sanity: runner.sanity, backend: tf.getBackend() };
    }
    const mlp = task === "mlp";
    const data = readMnist(o.mnistDir, "train", mlp ? MLP_SAMPLES : Infinity);
    runner = trainingRunner(mlp ? mlpModel() : seedCnn(), data, o.batchSize, mlp ? [784] : [28, 28, 1]);
    const { times, losses } = await runner.run(o.warmup);
    return { setupSeconds: (performance.now() - t0) / 1000, warmupTimes: times, warmupLosses: losses, sanity: lossFalls(losses), backend: tf.getBackend() };
  },
  run: ({ n }) => runner.run(n),
});
