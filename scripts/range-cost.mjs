#!/usr/bin/env node
/**
 * What the LR range test costs in training steps (`node scripts/range-cost.mjs`, after
 * `npm run build`; about a minute on 2 cores). Target: a 100-iteration range test on the MNIST
 * `cnn` costs at most 1.15 × 100 ordinary training steps.
 *
 * Both sides start from scratch the same way, so both pay the same fixed costs: a new jitted step
 * (tracing; the wasm kernels are compiled once per process and shared) and the trainer's first
 * steps that choose where kernels run. One side is `lrRangeTest` (100 iterations, η 1e-7 → 10,
 * SGD momentum 0.9, as fastai's `lr_find`), the other `createTrainer().fit` over the same 100
 * batches at a constant η. They alternate, 4 rounds after one warm-up round; the ratio of each
 * round is printed in wall time and in CPU time of the process (all threads), and the medians.
 */
import { performance } from "node:perf_hooks";
import { batchSource, createModel, createObjective, createOptimizer, createTrainer, head, jax, loadDataset, lrRangeTest } from "lrkit";

const steps = 100;
const data = await loadDataset({ name: "mnist" });
const train = head(data.train, steps * 64);
const objective = createObjective(train, "cross_entropy");
const model = createModel({ preset: "cnn" }, train.sampleShape, objective.outputs);
const optimizer = createOptimizer({ type: "SGD", lr: 0.01, momentum: 0.9 });
const source = () => batchSource(train, { batchSize: 64, seed: 0 });

async function timed(run) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

async function rangeTest() {
  const { params, buffers } = model.init({ seed: 0 });
  await lrRangeTest({ model, loss: objective.loss, optimizer, params, buffers, train: source(), numIter: steps });
  jax.tree.dispose([params, buffers]);
}

async function training() {
  const trainer = createTrainer({ model, loss: objective.loss, optimizer, lr: 0.01 });
  const { params, buffers } = model.init({ seed: 0 });
  const out = await trainer.fit({ params, buffers, train: source(), epochs: 1, seed: 0 });
  if (out.steps !== steps) throw new Error(`expected ${steps} training steps, ran ${out.steps}`);
  trainer.dispose();
  jax.tree.dispose([out.params, out.buffers, out.optState]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await rangeTest();
await training();
const wall = [];
const cpu = [];
for (let round = 0; round < 4; round++) {
  const test = await timed(rangeTest);
  const fit = await timed(training);
  wall.push(test.wall / fit.wall);
  cpu.push(test.cpu / fit.cpu);
  console.log(`round ${round + 1}: range test ${(test.wall / 1000).toFixed(2)} s (CPU ${(test.cpu / 1000).toFixed(2)} s), ${steps} training steps ${(fit.wall / 1000).toFixed(2)} s (CPU ${(fit.cpu / 1000).toFixed(2)} s)`);
}
const ok = median(wall) <= 1.15 && median(cpu) <= 1.15;
console.log(`${ok ? "met" : "MISSED"}: range test / ${steps} training steps = ${median(wall).toFixed(2)} wall, ${median(cpu).toFixed(2)} CPU (medians of 4 rounds; target ≤ 1.15)`);
process.exitCode = ok ? 0 : 1;
