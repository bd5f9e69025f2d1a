#!/usr/bin/env node
/**
 * Accuracy targets of lrkit's trainer on real data (`npm run accuracy`; ~20 minutes on 2 cores).
 * Each target trains from a config with `runTraining` and checks its test metric; the table is
 * printed and written to bench/out/ACCURACY.md (bench/ACCURACY.md holds the measured table with the
 * same recipes in PyTorch beside it, updated from that file by hand; scripts/accuracy_torch.py trains the
 * CNN recipes in PyTorch). `--only NAME[,NAME]` runs a subset, `--seed N` another seed than 0 (only the
 * whole set at seed 0 writes the table).
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { loadDataset, runTraining } from "lrkit";

const targets = [
  { name: "iris-mlp", metric: "accuracy", target: 0.93, config: { data: { name: "iris" }, model: { preset: "mlp", hidden: [16] }, optimizer: { type: "Adam", lr: 0.01 }, epochs: 50, batch_size: 16 } },
  { name: "breast-cancer-logistic", metric: "accuracy", target: 0.95, config: { data: { name: "breast-cancer" }, model: { preset: "logistic" }, loss: "bce", optimizer: { type: "SGD", lr: 0.05, momentum: 0.9 }, epochs: 30, batch_size: 32 } },
  { name: "digits-mlp", metric: "accuracy", target: 0.96, config: { data: { name: "digits" }, model: { preset: "mlp", hidden: [256] }, optimizer: { type: "Adam", lr: 0.001 }, epochs: 40, batch_size: 32 } },
  { name: "mnist-cnn-adam", metric: "accuracy", target: 0.988, config: { data: { name: "mnist" }, model: { preset: "cnn" }, optimizer: { type: "Adam", lr: 0.001 }, epochs: 2, batch_size: 64, val_fraction: 0 } },
  {
    name: "mnist-cnn-onecycle",
    metric: "accuracy",
    target: 0.99,
    config: { data: { name: "mnist" }, model: { preset: "cnn" }, optimizer: { type: "SGD", lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 5e-4 }, scheduler: { type: "OneCycleLR", max_lr: 0.1 }, epochs: 2, batch_size: 64, val_fraction: 0 },
  },
  {
    name: "fashion-mnist-cnn",
    metric: "accuracy",
    target: 0.9,
    config: { data: { name: "fashion-mnist" }, model: { preset: "cnn" }, optimizer: { type: "SGD", lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 5e-4 }, scheduler: { type: "OneCycleLR", max_lr: 0.1 }, epochs: 3, batch_size: 64, val_fraction: 0, standardize: true },
  },
  {
    name: "fashion-mnist-cnn-adamw-onecycle",
    metric: "accuracy",
    target: 0.87,
    config: { data: { name: "fashion-mnist" }, model: { preset: "cnn" }, optimizer: { type: "AdamW", lr: 0.001, weight_decay: 0.01 }, scheduler: { type: "OneCycleLR", max_lr: 0.01 }, epochs: 1, batch_size: 128, val_fraction: 0 },
  },
  {
    name: "cifar10-cnn",
    metric: "accuracy",
    target: 0.55,
    config: { data: { name: "cifar10" }, model: { preset: "cnn" }, optimizer: { type: "Adam", lr: 0.001 }, epochs: 2, batch_size: 64, val_fraction: 0, standardize: true },
  },
];

const { values: args } = parseArgs({ options: { only: { type: "string" }, seed: { type: "string", default: "0" } } });
const only = args.only?.split(",");
const seed = Number(args.seed);
const rows = [];
for (const t of targets.filter((t) => !only || only.includes(t.name))) {
  const data = await loadDataset(t.config.data);
  const run = await runTraining({ seed, ...t.config }, { data });
  const value = run.metrics.test[t.metric];
  const row = { name: t.name, metric: t.metric, value, target: t.target, met: value >= t.target, epochs: run.epochs, seconds: run.wall_seconds };
  rows.push(row);
  console.log(`${row.met ? "met   " : "MISSED"} ${t.name.padEnd(24)} test ${t.metric} ${value.toFixed(4)} (target ≥ ${t.target}) in ${run.epochs} epochs, ${run.wall_seconds.toFixed(0)} s`);
}

const table = [
  `# Accuracy targets`,
  ``,
  `Command: \`npm run accuracy\` — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, Node ${process.version}, seed ${seed}.`,
  ``,
  `| target | test metric | value | target | met | epochs | seconds |`,
  `| --- | --- | --- | --- | --- | --- | --- |`,
  ...rows.map((r) => `| ${r.name} | ${r.metric} | ${r.value.toFixed(4)} | ≥ ${r.target} | ${r.met ? "yes" : "**no**"} | ${r.epochs} | ${r.seconds.toFixed(0)} |`),
  ``,
  `Configs: see \`scripts/accuracy.mjs\`.`,
];
mkdirSync("bench/out", { recursive: true });
if (!only && seed === 0) writeFileSync("bench/out/ACCURACY.md", `${table.join("\n")}\n`);
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
