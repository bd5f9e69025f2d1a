#!/usr/bin/env node
/**
 * `node scripts/gpu-steps.mjs webgpu|wasm|auto [steps]` (after `npm run build`): steps per second of
 * the bench's MLP 784-256-10 and seed CNN, Adam 1e-3, batch 64, on MNIST, each timed as a run of
 * `steps` steps (default 300) after a warm-up run of 20 — the trainer's own loop, its read of the loss
 * every step included. Used by scripts/gpu-check.sh.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const lrkit = await import(join(root, "dist/index.js"));
const { loadRunData } = await import(join(root, "dist/run/node/index.js"));
const choice = lrkit.parseDeviceChoice(process.argv[2] ?? "webgpu", "device");
const steps = Number(process.argv[3] ?? 300);
const { device, adapter } = await lrkit.useDevice(choice, `device ${choice}`);
const batch = 64;

for (const model of [{ preset: "mlp", hidden: [256] }, { preset: "cnn" }]) {
  const timed = async (n) => {
    const config = { data: { name: "mnist", limit: n * batch + 64 }, model, optimizer: { type: "Adam", lr: 1e-3 }, epochs: 1, batch_size: batch, val_fraction: 0, seed: 0 };
    const data = await loadRunData(lrkit.parseRunSpec(config, "gpu-steps"), undefined, "gpu-steps");
    const start = performance.now();
    const run = await lrkit.runTraining(config, { data });
    return { steps: run.steps, seconds: (performance.now() - start) / 1000 };
  };
  await timed(20);
  const { steps: n, seconds } = await timed(steps);
  console.log(`lrkit ${device} ${model.preset}: ${(n / seconds).toFixed(1)} steps/s (${n} steps in ${seconds.toFixed(2)} s, evaluation included${adapter ? `; ${adapter}` : ""})`);
}
lrkit.releaseDevice();
