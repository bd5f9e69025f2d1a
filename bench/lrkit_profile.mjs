/**
 * Where lrkit's training step spends its time (MLP or seed CNN, Adam, MNIST batches).
 *
 * Times, each the median of `steps` repetitions after warm-up, in CPU time of the process (wall
 * time beside it; on a loaded machine wall time also counts waiting for a core):
 * - the step as benchmarked (`createTrainer().fit`, wall time from one afterBatch to the next);
 * - its host parts: shuffling and gathering a batch (`batches`), turning it into jax-js arrays;
 * - hand-built jitted functions on a batch already on the device, each run until its results are
 *   computed: the whole step (the trainer's math: forward, loss, gradients, global norm, Adam),
 *   forward + loss, forward + loss + backward, and Adam's update alone;
 * - the jax-js profiler's kernel timings over a few whole steps (`jax.profiler.startTrace`, which
 *   records every wasm kernel as a `performance.measure` entry): kernel time vs. wall time, launches
 *   per step, and the most expensive kernels;
 * - the same kernel timings for the optimizer step alone ("adam-10m", "sgd-10m").
 */
import { performance } from "node:perf_hooks";
import { CLASSES, MLP_SAMPLES, OPT_SHAPES, randomTensors, readMnist } from "./data.mjs";
import { createTrainingRunner, crossEntropy, mnistDataset } from "./lrkit_common.mjs";
import { cpuMs } from "./protocol.mjs";
import { median } from "./stats.mjs";

export async function profile(lk, options) {
  const [kind, size] = options.model.split("-");
  return size ? profileOptimizer(lk, { optimizer: kind, size, steps: options.steps }) : profileTraining(lk, options);
}

async function profileTraining(lk, { model: kind, mnistDir, steps }) {
  const { jax } = lk;
  const np = jax.numpy;
  const mlp = kind === "mlp";
  const sampleShape = mlp ? [784] : [1, 28, 28];
  const batchSize = mlp ? 128 : 64;
  const train = mnistDataset(lk, "mnist/train", readMnist(mnistDir, "train", mlp ? MLP_SAMPLES : Infinity), sampleShape);
  const model = mlp ? lk.createModel({ preset: "mlp", hidden: [256] }, [784], CLASSES) : lk.createModel({ preset: "cnn" }, [1, 28, 28], CLASSES);
  const optimizer = lk.createOptimizer({ type: "Adam", lr: 1e-3 });
  const loss = crossEntropy(lk);
  const f32 = { dtype: np.float32 };

  const runner = createTrainingRunner(lk, { model, optimizer, lr: 1e-3, train, batchSize, dropLast: true });
  await runner.run(5);
  let epoch = 0;
  let source = lk.batches(train, { batchSize, shuffle: true, seed: 1, dropLast: true });
  const nextHostBatch = () => {
    let r = source.next();
    if (r.done) {
      source = lk.batches(train, { batchSize, shuffle: true, seed: 1, epoch: ++epoch, dropLast: true });
      r = source.next();
    }
    return r.value;
  };
  const toDevice = (b) => [np.array(b.x, { shape: [b.size, ...sampleShape], ...f32 }), np.array(b.y, { shape: [b.size], dtype: np.int32 })];

  let { params, buffers } = model.init({ seed: 0 });
  let optState = optimizer.init(params);
  const [x, y] = toDevice(nextHostBatch());
  const hyper = () => ({ lr: np.full([], 1e-3, f32) });
  const objective = (b, xb, yb) => (p) => {
    const out = model.apply(p, b, xb, { train: true });
    return [loss(out.y, yb), out.buffers];
  };
  const globalNorm = (grads) => np.sqrt(Object.values(grads).map((g) => np.sum(g.ref.mul(g.ref))).reduce((a, b) => a.add(b)));

  const forwardLoss = jax.jit((p, b, xb, yb) => {
    const [l, nb] = objective(b, xb, yb)(p);
    jax.tree.dispose(nb);
    return l;
  });
  const valueGrad = jax.jit((p, b, xb, yb) => {
    const [[l, nb], grads] = jax.valueAndGrad(objective(b, xb, yb), { hasAux: true })(p);
    jax.tree.dispose(nb);
    return { loss: l, grads };
  });
  const optStep = jax.jit((p, g, s, h) => optimizer.step(p, g, s, h));
  const wholeStep = jax.jit((p, b, s, xb, yb, h) => {
    const [[l, nb], grads] = jax.valueAndGrad(objective(b, xb, yb), { hasAux: true })(jax.tree.ref(p));
    const gradNorm = globalNorm(grads);
    const [np2, ns] = optimizer.step(p, grads, s, h);
    jax.tree.dispose(h);
    return { params: np2, buffers: nb, optState: ns, loss: l, gradNorm };
  });

  const runWhole = async () => {
    const out = wholeStep(params, buffers, optState, x.ref, y.ref, hyper());
    ({ params, buffers, optState } = out);
    await out.loss.data();
    await out.gradNorm.data();
  };
  const runForward = async () => forwardLoss(jax.tree.ref(params), jax.tree.ref(buffers), x.ref, y.ref).data();
  const runValueGrad = async () => {
    const out = valueGrad(jax.tree.ref(params), jax.tree.ref(buffers), x.ref, y.ref);
    await jax.blockUntilReady(out.grads);
    await out.loss.data();
    jax.tree.dispose(out.grads);
  };
  const { grads } = valueGrad(jax.tree.ref(params), jax.tree.ref(buffers), x.ref, y.ref);
  const runOpt = async () => {
    [params, optState] = optStep(params, jax.tree.ref(grads), optState, hyper());
    await jax.blockUntilReady([params, optState]);
  };
  let batch;
  const runGather = async () => {
    batch = nextHostBatch();
  };
  const runConvert = async () => {
    const arrays = toDevice(batch);
    await jax.blockUntilReady(arrays);
    jax.tree.dispose(arrays);
  };
  const ready = np.full([], 1, f32);
  await ready.blockUntilReady();
  const runRead = () => ready.ref.data();
  // Five steps per fit call, so the call's own start-up (beforeFit, the epoch loop) weighs as in a real epoch.
  let fitTimes;
  const runFit = async () => {
    const out = await runner.run(5);
    fitTimes = { wall: out.times, cpu: out.cpu };
  };
  // The pieces take turns, one repetition of each per round, so the machine's load hits them alike.
  const runKey = async () => {
    const key = jax.random.key(7);
    await key.blockUntilReady();
    key.dispose();
  };
  const pieces = { fit: runFit, gather: runGather, convert: runConvert, whole: runWhole, forward: runForward, vg: runValueGrad, adam: runOpt, read: runRead, key: runKey };
  const wall = Object.fromEntries(Object.keys(pieces).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(pieces).map((k) => [k, []]));
  for (let round = -3; round < steps; round++) {
    for (const [name, fn] of Object.entries(pieces)) {
      const t = performance.now();
      const c = cpuMs();
      await fn();
      if (round < 0) continue;
      wall[name].push(...(name === "fit" ? fitTimes.wall : [performance.now() - t]));
      cpu[name].push(...(name === "fit" ? fitTimes.cpu : [cpuMs() - c]));
    }
  }
  const wallMs = Object.fromEntries(Object.entries(wall).map(([k, v]) => [k, median(v)]));
  const { fit: fitStep, gather, convert, whole, forward, vg, adam, key: randomKey } = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)]));

  const trace = await traceKernels(jax, runWhole, Math.min(steps, 10));

  const share = (ms) => ms / fitStep;
  const hostRest = fitStep - gather - convert - whole;
  const row = (name, key, ms = cpu[key] && median(cpu[key])) => ({ name, ms, wallMs: key ? wallMs[key] : undefined, share: share(ms) });
  const rows = [
    row("**step as benchmarked** (`createTrainer().fit`, 5 batches per call)", "fit"),
    row("host: shuffle + gather one batch (`batches`)", "gather"),
    row("host → jax-js: `np.array` of the batch's x and y", "convert"),
    row("jitted step alone, batch already on the device (forward, loss, backward, grad norm, Adam; loss and norm read)", "whole"),
    row("  of which forward + loss (jit)", "forward"),
    row("  of which forward + loss + backward (jit valueAndGrad)", "vg"),
    row("  Adam update alone (jit optimizer.step)", "adam"),
    row("rest of the loop (fit step − gather − conversion − jitted step: η array, dropout key, callbacks, reads)", undefined, hostRest),
    row("reading back one ready scalar (`data()`)", "read"),
  ];
  const notes = [
    `backward ≈ valueAndGrad − forward = ${(vg - forward).toFixed(2)} ms; valueAndGrad + Adam = ${(vg + adam).toFixed(2)} ms vs the fused step ${whole.toFixed(2)} ms.`,
    `making the step's dropout key, \`jax.random.key(seed)\` (the trainer does it every step, dropout or not): ${randomKey.toFixed(2)} ms.`,
  ];
  jax.tree.dispose({ params, buffers, optState, grads, x, y, ready });
  return {
    title: mlp ? "MLP 784-256-10, Adam, batch 128" : "seed CNN, Adam, batch 64",
    rows,
    notes,
    ...trace,
  };
}

/**
 * The optimizer step alone (`jit(optimizer.step)`, 10 tensors of `size`), traced like the training
 * step: where an update of 1 M or 10 M parameters spends its time.
 */
async function profileOptimizer(lk, { optimizer: kind, size, steps }) {
  const { jax } = lk;
  const np = jax.numpy;
  const f32 = { dtype: np.float32 };
  const shapes = OPT_SHAPES[size];
  const init = randomTensors(shapes, 3);
  let params = Object.fromEntries(shapes.map((s, i) => [`p${i}`, np.array(init[i], { shape: s, ...f32 })]));
  const grads = Object.fromEntries(shapes.map((s, i) => [`p${i}`, np.array(init[i], { shape: s, ...f32 })]));
  const lr = kind === "adam" ? 1e-3 : 1e-2;
  const optimizer = lk.createOptimizer(kind === "adam" ? { type: "Adam", lr } : { type: "SGD", lr, momentum: 0.9 });
  let state = optimizer.init(params);
  const step = jax.jit((p, g, s, h) => optimizer.step(p, g, s, h));
  const run = async () => {
    [params, state] = step(params, jax.tree.ref(grads), state, { lr: np.array(lr, f32) });
    await jax.blockUntilReady([params, state]);
  };
  for (let i = 0; i < 3; i++) await run();
  const trace = await traceKernels(jax, run, steps);
  jax.tree.dispose({ params, grads, state });
  return { title: `${kind === "adam" ? "Adam" : "SGD momentum 0.9"} step alone, ${size === "1m" ? "1 M" : "10 M"} parameters`, rows: [], notes: [], ...trace };
}

/**
 * Runs `step` `steps` times under the jax-js profiler, which records every wasm kernel as a
 * `performance.measure` entry. A kernel's time per step is its median duration × its launches per
 * step (medians, as a loaded machine preempts some launches); wall time is the median step.
 */
async function traceKernels(jax, step, steps) {
  performance.clearMeasures();
  jax.profiler.startTrace();
  const walls = [];
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    await step();
    walls.push(performance.now() - t);
  }
  jax.profiler.stopTrace();
  const entries = performance.getEntriesByType("measure").filter((e) => e.detail?.devtools?.trackGroup === "JAX Profiler");
  performance.clearMeasures();
  const groups = new Map();
  for (const e of entries) {
    const props = Object.fromEntries(e.detail.devtools.properties ?? []);
    const key = `${e.name}|${props.exp ?? props.inputShapes ?? ""}|${props.reduction ?? ""}`;
    const g = groups.get(key) ?? { label: e.name, durations: [], detail: detailOf(props) };
    g.durations.push(e.duration);
    groups.set(key, g);
  }
  const kernels = [...groups.values()]
    .map((g) => ({ label: g.label, msPerStep: (median(g.durations) * g.durations.length) / steps, countPerStep: g.durations.length / steps, detail: g.detail }))
    .sort((a, b) => b.msPerStep - a.msPerStep);
  return {
    kernelSteps: steps,
    kernelMsPerStep: kernels.reduce((a, k) => a + k.msPerStep, 0),
    stepMsTraced: median(walls),
    kernelsPerStep: entries.length / steps,
    kernels: kernels.slice(0, 8),
  };
}

function detailOf(props) {
  if (props.exp) return `size ${props.size}${props.reduction ? `, reduce ${props.reduction}` : ""}: ${props.exp}`;
  return `${props.inputShapes ?? ""} → ${props.outputShapes ?? ""} ${props.dtype ?? ""}`;
}
