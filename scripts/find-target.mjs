#!/usr/bin/env node
/**
 * The LR range test's target on real data (`npm run find-target`, ~3 minutes on 2 cores): the
 * recommended η of a range test on MNIST `cnn` (`recommendedRule`, the one `lrkit find --apply`
 * writes), used as OneCycleLR `max_lr` for one epoch, must give ≥ 98.5% test accuracy.
 * `--rule valley` (or any other suggestion) trains at that rule's η instead; `--optimizer SGD`
 * runs the SGD-with-momentum variant instead of Adam; `--start-lr` and `--num-iter` change the
 * range test's settings (defaults 1e-7 and 100).
 */
import { parseArgs } from "node:util";
import { loadDataset, rangeTestFromConfig, recommendedRule, runTraining } from "lrkit";

const { values: flags } = parseArgs({ options: { optimizer: { type: "string", default: "Adam" }, "start-lr": { type: "string" }, "num-iter": { type: "string" }, rule: { type: "string", default: recommendedRule } } });
const type = flags.optimizer;
const settings = { startLr: flags["start-lr"] && Number(flags["start-lr"]), numIter: flags["num-iter"] && Number(flags["num-iter"]) };
const optimizer = type === "SGD" ? { type: "SGD", lr: 0.01, momentum: 0.9, nesterov: true } : { type: "Adam", lr: 1e-3 };
const config = { data: { name: "mnist" }, model: { preset: "cnn" }, optimizer, epochs: 1, batch_size: 64, val_fraction: 0, seed: 0 };
const data = await loadDataset(config.data);

const test = await rangeTestFromConfig(config, { data, ...settings });
const suggestion = test.suggestions[flags.rule];
if (suggestion === undefined) throw new Error(`--rule: no suggestion named "${flags.rule}"; the rules are ${Object.keys(test.suggestions).join(", ")}`);
if (suggestion.lr === undefined) throw new Error(`no ${flags.rule} suggestion: ${suggestion.reason}`);
const lr = Number(suggestion.lr.toPrecision(3));
const others = Object.entries(test.suggestions).flatMap(([rule, s]) => (s.lr === undefined ? [] : [`${rule} ${s.lr.toPrecision(3)}`]));
console.log(`range test (${type}, ${test.settings.startLr} → ${test.settings.endLr} in ${test.settings.numIter} steps, ${test.lrs.length} steps in ${test.seconds.toFixed(1)} s): ${others.join(", ")}`);

const run = await runTraining({ ...config, scheduler: { type: "OneCycleLR", max_lr: lr } }, { data });
const accuracy = run.metrics.test.accuracy;
console.log(`${accuracy >= 0.985 ? "met" : "MISSED"}: one epoch of ${type} + OneCycleLR(max_lr = ${flags.rule} ${lr}) → test accuracy ${accuracy.toFixed(4)} (target ≥ 0.985) in ${run.wall_seconds.toFixed(0)} s`);
process.exitCode = accuracy >= 0.985 ? 0 : 1;
