/**
 * Sweep-queue measurements, against the built `dist/` (run `npm run build` first; needs
 * `redis-server` on PATH, which this script starts on a free loopback port and stops):
 *
 *   node scripts/queue-bench.mjs [LRS]   # LRS learning rates (default 8) of the MNIST cnn, first 3000 images, 2 epochs each
 *
 * Four sweeps of the same grid, each in a fresh store: the local thread pool with one worker
 * thread; the queue with one `lrkit worker` process; the queue with two; the local pool again (the
 * local figures are the mean of the two, which brackets a drift in the machine's load). Workers are started and
 * ready before the sweep's clock starts, as workers on other machines would be. Reported:
 * trials/hour of each, the 2-worker speedup over 1, and the queue's overhead per trial against a
 * 10 s trial, two ways: the wall-time difference (queue with one worker − local with one thread) /
 * trials, which also carries any change in the machine's load between the two sweeps; and the
 * difference in time outside training (wall / trials − the mean trial's training time), which
 * does not. The 1-minute
 * load average is printed before each sweep: timings on a shared machine mean little under load.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const { runSweep } = await import(new URL("../dist/sweep/index.js", import.meta.url).href);
await (await import(new URL("../dist/engine/index.js", import.meta.url).href)).initEngine("wasm");
const cli = new URL("../dist/cli/main.js", import.meta.url).pathname;

const lrs = Number(process.argv[2] ?? 8);
const dir = mkdtempSync(join(tmpdir(), "lrkit-queue-bench-"));
const config = {
  data: { name: "mnist", limit: 3000 },
  model: { preset: "cnn" },
  optimizer: { type: "SGD", lr: 0.01, momentum: 0.9 },
  batch_size: 64,
  epochs: 2,
  seed: 0,
  search: { method: "grid", space: { "optimizer.lr": { loguniform: [1e-3, 1], points: lrs } } },
};

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => redis.stdout.on("data", (chunk) => String(chunk).includes("Ready to accept connections") && resolve()));
const url = `redis://127.0.0.1:${port}`;

function startWorker() {
  const child = spawn(process.execPath, [cli, "worker", "--queue", url], { stdio: ["ignore", "ignore", "pipe"] });
  const ready = new Promise((resolve) => child.stderr.on("data", (chunk) => String(chunk).includes("taking trials") && resolve()));
  return { child, ready };
}

let stores = 0;
async function sweep(label, options) {
  const load = loadavg()[0].toFixed(2);
  const started = performance.now();
  const result = await runSweep(config, { storePath: join(dir, `store-${stores++}.db`), ...options });
  const seconds = (performance.now() - started) / 1000;
  const trialSeconds = result.trials.reduce((sum, t) => sum + t.seconds, 0) / result.trials.length;
  const failed = result.trials.filter((t) => t.status === "failed").length;
  console.log(`${label}: ${seconds.toFixed(1)} s, ${((3600 * result.trials.length) / seconds).toFixed(0)} trials/hour, mean trial ${trialSeconds.toFixed(2)} s, ${failed} failed, load before ${load}`);
  return { seconds, trialSeconds, trials: result.trials.length };
}

async function withWorkers(n, label) {
  const workers = Array.from({ length: n }, startWorker);
  await Promise.all(workers.map((w) => w.ready));
  try {
    return await sweep(label, { queue: url });
  } finally {
    for (const w of workers) w.child.kill("SIGTERM");
    await Promise.all(workers.map((w) => new Promise((resolve) => w.child.once("exit", resolve))));
  }
}

try {
  const label = `MNIST cnn, 3000 images, ${lrs} LRs × 2 epochs`;
  const before = await sweep(`${label}, local pool, 1 thread`, { workers: 1 });
  const one = await withWorkers(1, `${label}, queue, 1 worker process`);
  const two = await withWorkers(2, `${label}, queue, 2 worker processes`);
  const after = await sweep(`${label}, local pool, 1 thread, again`, { workers: 1 });
  const local = { seconds: (before.seconds + after.seconds) / 2, trialSeconds: (before.trialSeconds + after.trialSeconds) / 2, trials: before.trials };
  console.log(`speedup 2 worker processes vs 1: ${(one.seconds / two.seconds).toFixed(2)}×`);
  const wall = (one.seconds - local.seconds) / one.trials;
  const outside = (r) => r.seconds / r.trials - r.trialSeconds;
  const beside = outside(one) - outside(local);
  console.log(`queue overhead per trial, wall: ${wall.toFixed(3)} s (${((100 * wall) / 10).toFixed(1)}% of a 10 s trial)`);
  console.log(`queue overhead per trial, outside training: ${beside.toFixed(3)} s (${((100 * beside) / 10).toFixed(1)}% of a 10 s trial; local ${outside(local).toFixed(3)} s, queue ${outside(one).toFixed(3)} s)`);
} finally {
  redis.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
