#!/usr/bin/env node
/**
 * Does watching a run slow it down? Trains the same run (MNIST, an MLP, 2 epochs) with the
 * dashboard server running and 0, then 50, live-chart clients (server-sent event streams on
 * /api/runs/:id/stream), alternating `--repeats` times (default 2), and reports the training step
 * time of each (the epochs' seconds from the run store over their steps) and the ratio with 50
 * clients to with none. Target: ratio ≤ 1.10.
 *
 * Everything stays on this machine: the server listens on 127.0.0.1 in its own process, as
 * `lrkit dash` does; the training is `lrkit train` in another; the clients live in this one. The
 * clients are bounded: exactly `--clients` of them, each ending when the server ends its stream (the
 * run finished) or after `--timeout` seconds. Uses the build in dist/ (`npm run build` first), or
 * the folder in $LRKIT_DIST.
 *
 *   node scripts/dash-load.mjs [--clients 50] [--repeats 2] [--timeout 600]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const CLIENTS = arg("--clients", 50);
const REPEATS = arg("--repeats", 2);
const TIMEOUT_S = arg("--timeout", 600);
const dist = resolve(process.env.LRKIT_DIST ?? "dist");
const dir = mkdtempSync(join(tmpdir(), "lrkit-dash-load-"));
const store = join(dir, "lrkit.db");
const config = join(dir, "run.json");
writeFileSync(config, JSON.stringify({ data: { name: "mnist" }, model: { preset: "mlp", hidden: [256] }, optimizer: { type: "Adam", lr: 0.001 }, epochs: 2, batch_size: 64, seed: 0 }));

/** A child process; resolves with its exit code, rejects on a failure to start. */
function run(args, onLine = () => {}) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let buffer = "";
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    for (let i; (i = buffer.indexOf("\n")) >= 0; buffer = buffer.slice(i + 1)) onLine(buffer.slice(0, i));
  });
  const exited = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve(code));
  });
  return { child, exited };
}

function getJson(base, path) {
  return fetch(new URL(path, base)).then((r) => r.json());
}

/** One live-chart client: counts the events and bytes it receives until the stream ends or time runs out. */
function streamClient(base, runId) {
  return new Promise((resolve) => {
    const stats = { events: 0, bytes: 0, ended: "server" };
    const req = request(new URL(`/api/runs/${runId}/stream?since=-1`, base), (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        stats.bytes += chunk.length;
        stats.events += chunk.split("\nevent: ").length - 1 + (chunk.startsWith("event: ") ? 1 : 0);
      });
      res.on("end", () => resolve(stats));
      res.on("error", () => resolve({ ...stats, ended: "error" }));
    });
    req.setTimeout(TIMEOUT_S * 1000, () => {
      stats.ended = "timeout";
      req.destroy();
      resolve(stats);
    });
    req.on("error", () => resolve({ ...stats, ended: "error" }));
    req.end();
  });
}

async function trainOnce(base, clients) {
  const training = run([join(dist, "cli/main.js"), "train", "--config", config, "--store", store, "--json"]);
  let runId;
  try {
    for (const started = Date.now(); !runId && Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 100))) {
      runId = (await getJson(base, "/api/runs?status=running")).runs[0]?.id;
    }
    if (!runId) throw new Error("the training run did not appear in the store within 60 s");
  } catch (error) {
    training.child.kill();
    throw error;
  }
  const streams = Array.from({ length: clients }, () => streamClient(base, runId));
  const code = await training.exited;
  if (code !== 0) throw new Error(`lrkit train exited with ${code}`);
  const received = await Promise.all(streams);
  const { run: summary, epochs } = await getJson(base, `/api/runs/${runId}`);
  const seconds = epochs.reduce((s, e) => s + Number(e.seconds), 0);
  return {
    clients,
    steps: summary.stepCount,
    msPerStep: (1000 * seconds) / summary.stepCount,
    eventsPerClient: clients ? received.reduce((s, r) => s + r.events, 0) / clients : 0,
    kBPerClient: clients ? received.reduce((s, r) => s + r.bytes, 0) / clients / 1024 : 0,
    endedByServer: received.filter((r) => r.ended === "server").length,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

let server;
try {
  let base;
  const serverCode = `const { startDashServer } = await import(${JSON.stringify(pathToFileURL(join(dist, "server/index.js")).href)});
    const s = await startDashServer({ storePath: ${JSON.stringify(store)}, port: 0 });
    console.log(s.url);
    process.on("SIGTERM", () => s.close().then(() => process.exit(0)));`;
  server = run(["--input-type=module", "-e", serverCode], (line) => (base ??= line.trim()));
  for (const started = Date.now(); !base && Date.now() - started < 30_000; ) await new Promise((r) => setTimeout(r, 50));
  if (!base) throw new Error("the dashboard server did not start");
  await trainOnce(base, 0); // warm-up: the dataset cache of the OS, wasm compilation
  const results = [];
  for (let i = 0; i < REPEATS; i++) for (const clients of [0, CLIENTS]) results.push(await trainOnce(base, clients));
  const quiet = median(results.filter((r) => r.clients === 0).map((r) => r.msPerStep));
  const watched = median(results.filter((r) => r.clients === CLIENTS).map((r) => r.msPerStep));
  for (const r of results) {
    console.log(
      `${String(r.clients).padStart(3)} clients: ${r.msPerStep.toFixed(3)} ms/step over ${r.steps} steps` +
        (r.clients ? `; each client got ${r.eventsPerClient.toFixed(0)} events, ${r.kBPerClient.toFixed(0)} kB; ${r.endedByServer}/${r.clients} streams ended by the server` : ""),
    );
  }
  const ratio = watched / quiet;
  console.log(`median step time: ${quiet.toFixed(3)} ms with 0 clients, ${watched.toFixed(3)} ms with ${CLIENTS}: ratio ${ratio.toFixed(3)} (target ≤ 1.10) ${ratio <= 1.1 ? "met" : "MISSED"}`);
  process.exitCode = ratio <= 1.1 ? 0 : 1;
} finally {
  server?.child.kill("SIGTERM");
  await server?.exited;
  rmSync(dir, { recursive: true, force: true });
}
