#!/usr/bin/env node
/**
 * The LR range test's target on real data (`npm run find-target`, ~3 minutes on 2 cores): the
 * valley suggestion of a range test on MNIST `cnn`, used as OneCycleLR `max_lr` for one epoch,
 * must give ≥ 98.5% test accuracy. `--optimizer SGD` runs the SGD-with-momentum variant instead
 * of Adam; `--start-lr` and `--num-iter` change the range test's settings (defaults 1e-7 and 100).
 */
import { parseArgs } from "node:util";
import { loadDataset, rangeTestFromConfig, runTraining } from "lrkit";

const { values: flags } = parseArgs({ options: { optimizer: { type: "string", default: "Adam" }, "start-lr": { type: "string" }, "num-iter": { type: "string" } } });
const type = flags.optimizer;
const settings = { startLr: flags["start-lr"] && Number(flags["start-lr"]), numIter: flags["num-iter"] && Number(flags["num-iter"]) };
const optimizer = type === "SGD" ? { type: "SGD", lr: 0.01, momentum: 0.9, nesterov: true } : { type: "Adam", lr: 1e-3 };
const config = { data: { name: "mnist" }, model: { preset: "cnn" }, optimizer, epochs: 1, batch_size: 64, val_fraction: 0, seed: 0 };
const data = await loadDataset(config.data);

const test = await rangeTestFromConfig(config, { data, ...settings });
const valley = test.suggestions.valley.lr;
if (valley === undefined) throw new Error(`no valley suggestion: ${test.suggestions.valley.reason}`);
console.log(`range test (${type}, ${test.settings.startLr} → ${test.settings.endLr} in ${test.settings.numIter} steps): valley ${valley.toPrecision(3)}, ${test.lrs.length} steps in ${test.seconds.toFixed(1)} s`);

const run = await runTraining({ ...config, scheduler: { type: "OneCycleLR", max_lr: valley } }, { data });
const accuracy = run.metrics.test.accuracy;
console.log(`${accuracy >= 0.985 ? "met" : "MISSED"}: one epoch of ${type} + OneCycleLR(max_lr = ${valley.toPrecision(3)}) → test accuracy ${accuracy.toFixed(4)} (target ≥ 0.985) in ${run.wall_seconds.toFixed(0)} s`);
process.exitCode = accuracy >= 0.985 ? 0 : 1;
