/**
 * The lrkit side of the bench, one task per process (`node bench/lrkit_worker.mjs --task mlp`),
 * driven by run.mjs through the line protocol in protocol.mjs.
 *
 * Training tasks go through lrkit's real path: `createModel` preset, `createOptimizer`,
 * `batchSource` (seeded shuffle, host gather, conversion to jax-js arrays) and `createTrainer().fit`
 * (the fused jitted step, η as a traced scalar, loss and gradient norm read back every step). A
 * step's time runs from the previous step's `afterBatch` to this one's, so it includes the batch
 * conversion and the loop's host work; fit is called once per timed block.
 */
import { performance } from "node:perf_hooks";
import process from "node:process";
import { CLASSES, MLP_SAMPLES, OPT_SHAPES, randomTensors, readMnist } from "./data.mjs";
import { curveReadings } from "./curve.mjs";
import { createEvaluator, createTrainingRunner, crossEntropy, mnistDataset } from "./lrkit_common.mjs";
import { arg, lossFalls, serve, timeRuns } from "./protocol.mjs";

const lk = await import(process.env.LRKIT_MODULE ?? "lrkit");
const { jax } = lk;
const np = jax.numpy;

const task = arg("task");
const dataset = (name, data, sampleShape) => mnistDataset(lk, name, data, sampleShape);
const trainingRunner = (options) => createTrainingRunner(lk, options);
const evaluator = (model) => createEvaluator(lk, model);

let runner;
let optBench;
let e2e;
let rangeBench;

const handlers = {
  async setup(o) {
    const t0 = performance.now();
    if (task === "mlp" || task === "cnn") {
      const mlp = task === "mlp";
      const train = mlp ? dataset("mnist/train", readMnist(o.mnistDir, "train", MLP_SAMPLES), [784]) : dataset("mnist/train", readMnist(o.mnistDir, "train"), [1, 28, 28]);
      const model = mlp ? lk.createModel({ preset: "mlp", hidden: [256] }, [784], CLASSES) : lk.createModel({ preset: "cnn" }, [1, 28, 28], CLASSES);
      runner = trainingRunner({ model, optimizer: lk.createOptimizer({ type: "Adam", lr: 1e-3 }), lr: 1e-3, train, batchSize: o.batchSize, dropLast: true });
      const { times, losses } = await runner.run(o.warmup);
      return { setupSeconds: (performance.now() - t0) / 1000, warmupTimes: times, warmupLosses: losses, sanity: lossFalls(losses) };
    }
    if (task === "opt") {
      optBench = await optimizerBench(o);
      return { setupSeconds: (performance.now() - t0) / 1000, sanity: optBench.sanity };
    }
    if (task === "e2e") {
      e2e = await e2eSetup(o);
      return { setupSeconds: (performance.now() - t0) / 1000 };
    }
    if (task === "range") {
      rangeBench = await rangeSetup(o);
      return { setupSeconds: (performance.now() - t0) / 1000, sanity: rangeBench.sanity, readings: rangeBench.readings };
    }
    if (task === "profile") return { setupSeconds: 0 };
    throw new Error(`unknown task ${task}`);
  },
  async run({ n }) {
    if (runner) return runner.run(n);
    if (optBench) return optBench.run(n);
    if (rangeBench) return rangeBench.run(n);
    throw new Error("run before setup");
  },
  async epoch() {
    return e2e.epoch();
  },
  async profile(o) {
    const { profile } = await import("./lrkit_profile.mjs");
    return profile(lk, o);
  },
};

/**
 * Optimizer step alone: `jit(optimizer.step)` on 10 tensors, η passed as a traced 0-d array (as the
 * trainer does), timed until every new parameter and state array is computed.
 */
async function optimizerBench({ optimizer: kind, size, warm = 3 }) {
  const shapes = OPT_SHAPES[size];
  const init = randomTensors(shapes, 3);
  const gradData = randomTensors(shapes, 4);
  const f32 = { dtype: np.float32 };
  let params = Object.fromEntries(shapes.map((s, i) => [`p${i}`, np.array(init[i], { shape: s, ...f32 })]));
  const grads = Object.fromEntries(shapes.map((s, i) => [`p${i}`, np.array(gradData[i], { shape: s, ...f32 })]));
  const lr = kind === "adam" ? 1e-3 : 1e-2;
  const optimizer = lk.createOptimizer(kind === "adam" ? { type: "Adam", lr } : { type: "SGD", lr, momentum: 0.9 });
  let state = optimizer.init(params);
  const hyper = { lr: np.array(lr, f32) };
  const step = jax.jit((p, g, s, h) => optimizer.step(p, g, s, h));
  const once = async () => {
    [params, state] = step(params, jax.tree.ref(grads), state, jax.tree.ref(hyper));
    await jax.blockUntilReady([params, state]);
  };
  await once();
  const first = (await params.p0.ref.data())[0];
  const expected = init[0][0] - (kind === "adam" ? lr * Math.sign(gradData[0][0]) : lr * gradData[0][0]);
  const sanity = { first, expected, ok: Math.abs(first - expected) <= 1e-6 + 1e-3 * Math.abs(lr) };
  for (let k = 0; k < warm; k++) await once();
  return {
    sanity,
    run: (n) => timeRuns(n, once),
  };
}

/**
 * LR range test: `lrRangeTest` with fastai's defaults (η from 1e-7 to 10 exponentially over
 * `numIter` steps, β = 0.98, stop at 4 × the best smoothed loss) on the seed CNN from a fixed
 * initialisation, SGD momentum 0.9, MNIST batches. Each timed unit is one whole test, as a user
 * runs it (it builds, and so compiles, its own jitted step).
 */
async function rangeSetup({ mnistDir, batchSize, numIter }) {
  const train = dataset("mnist/train", readMnist(mnistDir, "train"), [1, 28, 28]);
  const model = lk.createModel({ preset: "cnn" }, [1, 28, 28], CLASSES);
  const optimizer = lk.createOptimizer({ type: "SGD", lr: 1e-7, momentum: 0.9 });
  const source = lk.batchSource(train, { batchSize, seed: 0, dropLast: true });
  const start = model.init({ seed: 0 });
  const once = () => lk.lrRangeTest({ model, loss: crossEntropy(lk), optimizer, params: start.params, buffers: start.buffers, train: source, numIter });
  const first = await once();
  const readings = { ...curveReadings(first.lrs, first.losses), valley: first.suggestions.valley?.lr, stopped: first.stopped?.kind ?? "end" };
  return {
    readings,
    sanity: { first: readings.first, last: readings.min, ok: readings.min < readings.first },
    run: (n) => timeRuns(n, once),
  };
}

/**
 * Time to accuracy with lrkit's best recipe for now: SGD (Nesterov, momentum 0.9) with OneCycleLR
 * (max_lr from the options, cycled momentum as PyTorch's default), batch 64, seed CNN.
 */
async function e2eSetup({ mnistDir, epochs, maxLr, batchSize, limit }) {
  const train = dataset("mnist/train", readMnist(mnistDir, "train", limit), [1, 28, 28]);
  const test = dataset("mnist/test", readMnist(mnistDir, "t10k"), [1, 28, 28]);
  const model = lk.createModel({ preset: "cnn" }, [1, 28, 28], CLASSES);
  const optimizer = lk.createOptimizer({ type: "SGD", lr: maxLr, momentum: 0.9, nesterov: true });
  const steps = epochs * lk.batchCount(train.n, { batchSize });
  const scheduler = lk.createScheduler({ type: "OneCycleLR", max_lr: maxLr }, maxLr, { totalSteps: steps });
  const r = trainingRunner({ model, optimizer, lr: maxLr, momentum: scheduler.momentum, train, batchSize, dropLast: false, callbacks: [lk.scheduleLr(scheduler)] });
  const accuracy = evaluator(model);
  return {
    async epoch() {
      const { times, cpu, losses } = await r.run(r.batchesPerEpoch);
      const trainSeconds = times.reduce((a, b) => a + b, 0) / 1000;
      const cpuSeconds = cpu.reduce((a, b) => a + b, 0) / 1000;
      const t = performance.now();
      const acc = await accuracy(r.params, r.buffers, test);
      return { trainSeconds, cpuSeconds, evalSeconds: (performance.now() - t) / 1000, testAccuracy: acc, meanLoss: losses.reduce((a, b) => a + b, 0) / losses.length };
    },
  };
}

await serve(handlers);
