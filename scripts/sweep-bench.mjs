/**
 * Sweep measurements, against the built `dist/` (run `npm run build` first):
 *
 *   node scripts/sweep-bench.mjs speedup [EPOCHS]   # 8 learning rates on digits (MLP), 200 epochs each: 2 worker threads vs 1
 *   node scripts/sweep-bench.mjs speedup-cnn        # 8 learning rates on MNIST (seed CNN, first 3000 images), 2 epochs each: 2 worker threads vs 1
 *   node scripts/sweep-bench.mjs asha [GRACE]       # 12 learning rates on digits: ASHA (grace period GRACE epochs, default 1) vs the full grid
 *   node scripts/sweep-bench.mjs                    # both
 *
 * Speedup = wall time with 1 worker / wall time with 2 (each sweep in a fresh store, data loading
 * and compilation included). ASHA: whether it finds the full grid's best trial, and the training
 * steps it spends as a fraction of the grid's, for five start orders (search seeds) with 1 worker,
 * where the decisions are deterministic, and one with 2. The 1-minute load average is printed
 * before each sweep: timings on a shared machine mean little under load.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const { runSweep } = await import(new URL("../dist/sweep/index.js", import.meta.url).href);
await (await import(new URL("../dist/engine/index.js", import.meta.url).href)).initEngine("wasm");

const part = process.argv[2] ?? "all";
const dir = mkdtempSync(join(tmpdir(), "lrkit-sweep-bench-"));
let stores = 0;

const digits = {
  data: { name: "digits" },
  model: { preset: "mlp", hidden: [64] },
  optimizer: { type: "SGD", lr: 0.1, momentum: 0.9 },
  batch_size: 32,
  seed: 0,
};

async function sweep(label, config, workers) {
  const load = loadavg()[0].toFixed(2);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await runSweep(config, { storePath: join(dir, `store-${stores++}.db`), workers });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cores = (cpu.user + cpu.system) / 1e6 / seconds;
  const steps = result.trials.reduce((sum, t) => sum + t.steps, 0);
  console.log(`${label}: ${workers} worker(s), ${seconds.toFixed(1)} s (${cores.toFixed(2)} cores busy), ${steps} steps, load before ${load}; best ${result.best?.key} (val ${result.metric} ${result.best?.value?.toPrecision(4)})`);
  return { result, seconds, steps };
}

try {
  if (part === "speedup" || part === "all") {
    const epochs = Number(process.argv[3] ?? 200);
    const config = { ...digits, epochs, search: { method: "grid", space: { "optimizer.lr": { loguniform: [1e-3, 1], points: 8 } } } };
    const one = await sweep(`speedup, 8 LRs × ${epochs} epochs`, config, 1);
    const two = await sweep(`speedup, 8 LRs × ${epochs} epochs`, config, 2);
    console.log(`speedup 2 workers vs 1: ${(one.seconds / two.seconds).toFixed(2)}×`);
  }
  if (part === "speedup-cnn" || part === "all") {
    const config = {
      data: { name: "mnist", limit: 3000 },
      model: { preset: "cnn" },
      optimizer: { type: "SGD", lr: 0.01, momentum: 0.9 },
      batch_size: 64,
      epochs: 2,
      seed: 0,
      search: { method: "grid", space: { "optimizer.lr": { loguniform: [1e-3, 1], points: 8 } } },
    };
    const one = await sweep("speedup, MNIST cnn, 8 LRs × 2 epochs", config, 1);
    const two = await sweep("speedup, MNIST cnn, 8 LRs × 2 epochs", config, 2);
    console.log(`speedup 2 workers vs 1 (MNIST cnn): ${(one.seconds / two.seconds).toFixed(2)}×`);
  }
  if (part === "asha" || part === "all") {
    const space = { "optimizer.lr": { loguniform: [1e-4, 1], points: 12 } };
    const grace = Number(process.argv[3] ?? 1);
    const rungs = [];
    for (let r = grace; r < 27; r *= 3) rungs.push(r);
    const grid = await sweep("full grid, 12 LRs × 27 epochs", { ...digits, epochs: 27, search: { method: "grid", space } }, 2);
    // The seed orders the trials' start; with 1 worker ASHA's decisions depend on nothing else.
    for (const [seed, workers] of [[0, 1], [1, 1], [2, 1], [3, 1], [4, 1], [0, 2]]) {
      const config = { ...digits, epochs: 27, search: { method: "grid", scheduler: { type: "asha", reduction_factor: 3, grace_period: grace }, seed, space } };
      const asha = await sweep(`ASHA (η 3, rungs ${rungs.join(", ")}), 12 LRs × 27 epochs, seed ${seed}`, config, workers);
      const same = asha.result.best?.key === grid.result.best?.key;
      const rank = grid.result.trials.find((t) => t.key === asha.result.best?.key)?.rank;
      console.log(
        `ASHA seed ${seed}, ${workers} worker(s): same best trial as the grid: ${same ? "yes" : `no (ASHA's best is the grid's #${rank})`}; steps ${asha.steps} / ${grid.steps} = ${((100 * asha.steps) / grid.steps).toFixed(1)}%; epochs per trial ${asha.result.trials.map((t) => t.epochs).join(" ")}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
