#!/usr/bin/env node
/**
 * The parameter-free optimizers against a tuned Adam on `lrkit study`'s budget (run after
 * `npm run build`; ~5 minutes on 2 cores): the seed CNN on the first `--steps` × 64 MNIST training
 * samples of the study's seeded shuffle, one epoch, batch 64, seed 0, tested on the whole test set.
 * Adam at 1e-3 (the seed's advice) against Prodigy, DAdaptAdam and DoG with their defaults (lr 1,
 * the multiplier of their own estimate). Prints a Markdown table; the gap is in accuracy points.
 *
 *     node scripts/parameter-free.mjs [--steps 600]
 */
import { cpus } from "node:os";
import { loadDataset, permutation, purpose, runTraining, seededGenerator, subset } from "lrkit";

const steps = process.argv.includes("--steps") ? Number(process.argv[process.argv.indexOf("--steps") + 1]) : 600;
const batchSize = 64;
const mnist = await loadDataset({ name: "mnist" });
const n = Math.min(mnist.train.n, steps * batchSize);
const order = permutation(mnist.train.n, seededGenerator(0, purpose.split, 7));
const data = { train: subset(mnist.train, order.subarray(0, n), `${mnist.train.name}[${n}]`), test: mnist.test };
const base = { data: { name: "mnist" }, model: { preset: "cnn" }, loss: "cross_entropy", epochs: 1, batch_size: batchSize, val_fraction: 0, seed: 0 };

const optimizers = [
  { type: "Adam", lr: 1e-3 },
  { type: "Prodigy" },
  { type: "DAdaptAdam" },
  { type: "DoG" },
];
const rows = [];
for (const optimizer of optimizers) {
  const run = await runTraining({ ...base, optimizer }, { data });
  rows.push({ optimizer, accuracy: run.metrics.test.accuracy, loss: run.metrics.test.loss, trainLoss: run.history.epochs.at(-1)?.trainLoss, steps: run.steps, seconds: run.wall_seconds, stopped: run.stopped });
  console.error(`${JSON.stringify(optimizer)}: test accuracy ${run.metrics.test.accuracy.toFixed(4)} in ${run.wall_seconds.toFixed(0)} s`);
}
const adam = rows[0].accuracy;
const lines = [
  `Command: \`node scripts/parameter-free.mjs --steps ${steps}\` — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, Node ${process.version}.`,
  "",
  "| optimizer | test accuracy | vs Adam 1e-3 | test loss | final train loss | steps | time |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map((r) =>
    [
      `\`${JSON.stringify(r.optimizer)}\``,
      `${(100 * r.accuracy).toFixed(2)}%`,
      r === rows[0] ? "—" : `${(100 * (r.accuracy - adam)).toFixed(2)} pt`,
      r.loss.toFixed(4),
      r.trainLoss?.toFixed(4) ?? "-",
      `${r.steps}${r.stopped ? ` (stopped: ${r.stopped.reason})` : ""}`,
      `${r.seconds.toFixed(0)} s`,
    ].join(" | ").replace(/^/, "| ").concat(" |"),
  ),
];
console.log(lines.join("\n"));
