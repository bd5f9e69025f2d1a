#!/usr/bin/env node
/**
 * `npm run bench`: lrkit side by side with PyTorch (CPU, 1 thread and all threads) and TensorFlow.js
 * (wasm and cpu backends) on the same tasks, in one run, reported as ratios lrkit / peer.
 *
 *   node bench/run.mjs                 (a) MLP step, (b) seed CNN epoch (extrapolated), (c) optimizer
 *                                      step alone, (d) LR range test, (f) sweep (once lrkit has one),
 *                                      (g) peak memory, lrkit profile; ≈ 6–8 min on 2 shared cores
 *   node bench/run.mjs --e2e           adds (e) time to 99.0 % MNIST test accuracy (long)
 *   node bench/run.mjs --only e2e      just (e); --only takes a list: mlp,cnn,opt,e2e,profile,lr-range,sweep
 *   node bench/run.mjs --full          (b) times a whole epoch per runtime instead of extrapolating
 *   node bench/run.mjs --slow          (b) also on TF.js cpu (≈ a minute per batch here: 1 + 2 batches)
 *   node bench/run.mjs --quick         fewer rounds and steps (a smoke test of the harness)
 *   node bench/run.mjs --only e2e --e2e-epochs 1 --e2e-limit 2000   smoke test of (e) on 2000 training images
 *
 * Every (runtime, task) runs in its own child process (workers.mjs). The workers of a task are set up
 * and warmed up first, then timed in rounds: each round runs one block of steps in every runtime, back
 * to back, in a rotating order, so a round's blocks share the machine's load; the ratio of a round is
 * lrkit's median step over the peer's, and the table gives the median and range of those ratios,
 * in process CPU time (the verdicts) and in wall time. Absolute times are printed for context only. Each child's answers go to bench/out/<task>.json; the
 * report goes to bench/RESULTS.md (or bench/out/RESULTS.partial.md when --only/--quick is given).
 */
import { execFileSync } from "node:child_process";
import console from "node:console";
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { parseArgs } from "node:util";
import { fmt, median, roundRatios, sum, verdict } from "./stats.mjs";
import { lossFalls } from "./protocol.mjs";
import { Worker } from "./workers.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const { values: flags } = parseArgs({
  options: {
    only: { type: "string" },
    e2e: { type: "boolean", default: false },
    full: { type: "boolean", default: false },
    slow: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    python: { type: "string", default: "/usr/bin/python3" },
    mnist: { type: "string", default: "../shared/datasets/mnist" },
    "e2e-epochs": { type: "string", default: "4" },
    "e2e-limit": { type: "string" },
    "max-lr": { type: "string", default: "0.1" },
    out: { type: "string", default: "bench/out" },
  },
});

const ALL_TASKS = ["mlp", "cnn", "opt", "lr-range", "e2e", "sweep", "profile"];
const DEFAULT_TASKS = ["mlp", "cnn", "opt", "lr-range", "sweep", "profile"];
const selected = flags.only ? flags.only.split(",").map((s) => s.trim()) : [...DEFAULT_TASKS, ...(flags.e2e ? ["e2e"] : [])];
for (const t of selected) if (!ALL_TASKS.includes(t)) throw new Error(`--only: unknown task "${t}"; valid: ${ALL_TASKS.join(", ")}`);
const tasks = ALL_TASKS.filter((t) => selected.includes(t));
const partial = Boolean(flags.only || flags.quick);
const outDir = flags.out;
mkdirSync(outDir, { recursive: true });
const mnistDir = flags.mnist;
const cores = availableParallelism();
const q = flags.quick;

const NODE = process.execPath;
const RUNTIMES = {
  lrkit: { label: `lrkit (jax-js wasm, ${cores} kernel threads)`, argv: [NODE, "bench/lrkit_worker.mjs"] },
  "lrkit-1": { label: "lrkit, 1 thread (LRKIT_THREADS=1)", argv: [NODE, "bench/lrkit_worker.mjs"], env: { LRKIT_THREADS: "1" } },
  "torch-1": { label: "PyTorch, 1 thread", argv: [flags.python, "bench/torch_bench.py", "--threads", "1"] },
  "torch-N": { label: `PyTorch, ${cores} threads`, argv: [flags.python, "bench/torch_bench.py", "--threads", String(cores)] },
  "tfjs-wasm": { label: "TF.js wasm", argv: [NODE, "bench/tfjs_worker.mjs", "--backend", "wasm"] },
  "tfjs-cpu": { label: "TF.js cpu", argv: [NODE, "bench/tfjs_worker.mjs", "--backend", "cpu"] },
};
const PEERS = ["torch-1", "torch-N", "tfjs-wasm", "tfjs-cpu"];
/** CPU time sums over threads, so a CPU ratio against these peers says nothing of speed; none is given. */
const MULTI_THREADED = new Set(["torch-N"]);

const log = (...a) => console.log(...a);
const started = Date.now();
const machine = machineInfo();
const results = { machine, command: commandLine(), tasks: {}, commands: {} };

log(`lrkit bench — ${machine.line}`);
for (const c of machine.caveats) log(`  note: ${c}`);
log(`tasks: ${tasks.join(", ")}\n`);

for (const task of tasks) {
  if (task === "mlp") results.tasks.mlp = await timedTask(mlpSpec());
  if (task === "cnn") results.tasks.cnn = await timedTask(cnnSpec());
  if (task === "opt") {
    for (const size of ["1m", "10m"]) {
      for (const optimizer of ["adam", "sgd"]) results.tasks[`opt-${optimizer}-${size}`] = await timedTask(optSpec(optimizer, size));
    }
  }
  if (task === "lr-range") results.tasks["lr-range"] = (await lrkitExports("lrRangeTest")) ? await timedTask(rangeSpec()) : notYet("lr-range", "(d) LR range test");
  if (task === "sweep") results.tasks.sweep = (await lrkitExports("sweep")) ? notYet("sweep", "(f) sweep", "lrkit now exports `sweep`: its bench task is still to be written in bench/run.mjs") : notYet("sweep", "(f) sweep");
  if (task === "e2e") results.tasks.e2e = await e2eTask();
  if (task === "profile") results.tasks.profile = await profileTask();
}

results.machine.loadEnd = loadavg().map((l) => l.toFixed(2)).join(" ");
results.wallSeconds = (Date.now() - started) / 1000;
writeFileSync(join(outDir, "summary.json"), JSON.stringify(results, null, 1));
const report = renderReport(results);
const reportPath = partial ? join(outDir, "RESULTS.partial.md") : "bench/RESULTS.md";
writeFileSync(reportPath, report);
log("\n" + report);
log(`report written to ${reportPath}; raw answers in ${outDir}/`);

// ---------------------------------------------------------------------------------------------
// Task specifications

function mlpSpec() {
  return {
    id: "mlp",
    title: "(a) MLP 784-256-10, Adam step, batch 128 (MNIST)",
    unit: "step",
    workerTask: "mlp",
    setup: { mnistDir, batchSize: 128, warmup: 20 },
    runtimes: ["lrkit", "lrkit-1", ...PEERS],
    rounds: q ? 2 : 7,
    blockMs: q ? 400 : 1500,
    minN: 5,
    maxN: 200,
  };
}

function rangeSpec() {
  return {
    id: "lr-range",
    title: "(d) LR range test: seed CNN, 100 steps, η 1e-7 → 10 exponential, SGD momentum 0.9 (fastai's lr_find)",
    unit: "test",
    workerTask: "range",
    setup: { mnistDir, batchSize: 64, numIter: 100 },
    runtimes: ["lrkit", "torch-1"],
    skipped: { "tfjs-wasm": "no range test written for TF.js (and its wasm backend cannot train the CNN)" },
    rounds: q ? 1 : 2,
    minN: 1,
    maxN: 1,
  };
}

function cnnSpec() {
  const runtimes = ["lrkit", "lrkit-1", "torch-1", "torch-N", "tfjs-wasm", ...(flags.slow ? ["tfjs-cpu"] : [])];
  return {
    id: "cnn",
    title: "(b) seed CNN, one MNIST epoch at batch 64 (Adam 1e-3)",
    unit: "step",
    workerTask: "cnn",
    setup: { mnistDir, batchSize: 64, warmup: 8 },
    runtimes,
    skipped: flags.slow ? {} : { "tfjs-cpu": "skipped by default: about a minute per batch on this machine (run with --slow for 1 warm-up + 2 timed batches)" },
    overrides: { "tfjs-cpu": { setup: { warmup: 1 }, n: 2, rounds: 1 } },
    rounds: flags.full ? 1 : q ? 2 : 5,
    blockMs: flags.full ? Infinity : q ? 1500 : 4000,
    minN: 5,
    maxN: flags.full ? 937 : 200,
    epochBatches: 938,
  };
}

function optSpec(optimizer, size) {
  const name = optimizer === "adam" ? "Adam" : "SGD momentum 0.9";
  return {
    id: `opt-${optimizer}-${size}`,
    title: `(c) ${name} step alone, ${size === "1m" ? "1 M" : "10 M"} parameters (10 tensors)`,
    unit: "step",
    workerTask: "opt",
    setup: { optimizer, size },
    runtimes: ["lrkit", "lrkit-1", ...PEERS],
    // TF.js cpu takes seconds per 10 M step, and 2 OpenMP threads on a loaded 2-core machine as long.
    overrides: {
      "tfjs-cpu": { setup: { warm: 1 }, n: size === "10m" ? 1 : 3, rounds: size === "10m" ? 2 : 3 },
      "torch-N": { n: size === "10m" ? 2 : undefined },
    },
    rounds: q ? 2 : 4,
    blockMs: q ? 300 : 600,
    minN: 3,
    maxN: 300,
  };
}

// ---------------------------------------------------------------------------------------------
// Timed tasks: set up every runtime, then interleaved rounds of timed blocks

async function timedTask(spec) {
  const t0 = Date.now();
  log(`== ${spec.title}`);
  const entries = {};
  const active = [];
  for (const id of spec.runtimes) {
    const override = spec.overrides?.[id] ?? {};
    const worker = new Worker(id, [...RUNTIMES[id].argv, "--task", spec.workerTask], RUNTIMES[id].env);
    const entry = { runtime: id, label: RUNTIMES[id].label, command: worker.command, blocks: [], cpuBlocks: [], losses: [] };
    entries[id] = entry;
    results.commands[`${spec.id}/${id}`] = worker.command;
    const setup = await worker.ask({ op: "setup", ...spec.setup, ...override.setup }).catch((e) => ({ error: e.message }));
    entry.setup = setup;
    if (setup.error) {
      entry.status = /not registered for backend/.test(setup.error) ? "not supported" : "error";
      entry.error = setup.error;
      entry.memory = await worker.exit();
      log(`   ${id}: ${entry.status}: ${setup.error.split(" | ")[0]}`);
      continue;
    }
    const blockSize = async () => {
      if (spec.minN === spec.maxN) return spec.minN;
      const probe = setup.warmupTimes ? setup.warmupTimes.slice(Math.floor(setup.warmupTimes.length / 2)) : (await worker.ask({ op: "run", n: 2 })).times;
      return Math.max(spec.minN, Math.min(spec.maxN, Math.round(spec.blockMs / median(probe))));
    };
    const n = override.n ?? (await blockSize());
    entry.status = "ok";
    entry.blockSize = n;
    active.push({ id, worker, entry, rounds: override.rounds ?? spec.rounds });
    log(`   ${id}: ready in ${fmt(setup.setupSeconds)} s; ${n} ${spec.unit}s per block; sanity ${sanityText(setup.sanity)}`);
  }
  for (const [id, why] of Object.entries(spec.skipped ?? {})) entries[id] = { runtime: id, label: RUNTIMES[id].label, status: "skipped", error: why };

  for (let r = 0; r < spec.rounds; r++) {
    const order = active.map((_, i) => active[(i + r) % active.length]).filter((a) => r < a.rounds);
    for (const a of order) {
      const out = await a.worker.ask({ op: "run", n: a.entry.blockSize }).catch((e) => ({ error: e.message }));
      if (out.error) {
        a.entry.status = "error";
        a.entry.error = out.error;
        a.rounds = r;
        continue;
      }
      a.entry.blocks.push(out.times);
      a.entry.cpuBlocks.push(out.cpu);
      if (out.losses) a.entry.losses.push(...out.losses);
    }
    log(`   round ${r + 1}/${spec.rounds}: ${order.map((a) => `${a.id} ${fmt(median(a.entry.blocks.at(-1) ?? []))} ms`).join(", ")}`);
  }
  for (const a of active) {
    a.entry.memory = await a.worker.exit();
    const losses = [...(a.entry.setup.warmupLosses ?? []), ...a.entry.losses];
    a.entry.sanity = losses.length ? lossFalls(losses) : a.entry.setup.sanity;
    a.entry.sanityOk = Boolean(a.entry.sanity?.ok) && losses.every(Number.isFinite);
  }
  const result = { id: spec.id, title: spec.title, unit: spec.unit, epochBatches: spec.epochBatches, full: flags.full, entries, ratios: {}, cpuRatios: {}, oneThreadCpuRatios: {} };
  const lrkit = entries.lrkit;
  const single = entries["lrkit-1"];
  for (const peer of Object.keys(entries)) {
    if (peer === "lrkit" || entries[peer].status !== "ok" || lrkit?.status !== "ok") continue;
    result.ratios[peer] = roundRatios(lrkit.blocks, entries[peer].blocks);
    if (!MULTI_THREADED.has(peer)) result.cpuRatios[peer] = roundRatios(lrkit.cpuBlocks, entries[peer].cpuBlocks);
    if (single?.status === "ok" && peer !== "lrkit-1" && !MULTI_THREADED.has(peer)) result.oneThreadCpuRatios[peer] = roundRatios(single.cpuBlocks, entries[peer].cpuBlocks);
  }
  writeFileSync(join(outDir, `${spec.id}.json`), JSON.stringify(result, null, 1));
  log(`   (${fmt((Date.now() - t0) / 1000)} s)`);
  return result;
}

function sanityText(s) {
  if (!s) return "–";
  if ("expected" in s) return `${s.ok ? "ok" : "FAILED"} (first update ${s.first.toPrecision(7)} vs closed form ${s.expected.toPrecision(7)})`;
  return `${s.ok ? "ok" : "FAILED"} (loss ${s.first.toFixed(3)} → ${s.last.toFixed(3)})`;
}

// ---------------------------------------------------------------------------------------------
// (d), (f): run when lrkit has them

async function lrkitExports(name) {
  const lk = await import("lrkit").catch(() => ({}));
  return typeof lk[name] === "function";
}

function notYet(id, title, note = "not available yet") {
  log(`== ${title}: ${note}\n`);
  return { id, title, notAvailable: true, note };
}

// ---------------------------------------------------------------------------------------------
// (e) time to 99.0 % test accuracy, interleaved epoch by epoch

async function e2eTask() {
  const epochs = Number(flags["e2e-epochs"]);
  const maxLr = Number(flags["max-lr"]);
  const target = 0.99;
  const title = `(e) time to ${target * 100}% MNIST test accuracy, seed CNN, batch 64 (≤ ${epochs} epochs)`;
  log(`== ${title}`);
  const setup = { mnistDir, epochs, maxLr, batchSize: 64, limit: flags["e2e-limit"] ? Number(flags["e2e-limit"]) : undefined };
  const runs = [
    { id: "lrkit-onecycle", label: `lrkit, SGD Nesterov 0.9 + OneCycleLR max_lr ${maxLr}`, argv: [NODE, "bench/lrkit_worker.mjs"], setup: { ...setup, recipe: "onecycle" } },
    { id: "torch-adam", label: "PyTorch 1 thread, Adam 1e-3 constant (the seed's advice)", argv: RUNTIMES["torch-1"].argv, setup: { ...setup, recipe: "adam" } },
    { id: "torch-onecycle", label: `PyTorch 1 thread, SGD Nesterov 0.9 + OneCycleLR max_lr ${maxLr}`, argv: RUNTIMES["torch-1"].argv, setup: { ...setup, recipe: "onecycle" } },
  ];
  for (const run of runs) {
    run.worker = new Worker(run.id, [...run.argv, "--task", "e2e"]);
    results.commands[`e2e/${run.id}`] = run.worker.command;
    const answer = await run.worker.ask({ op: "setup", ...run.setup }).catch((e) => ({ error: e.message }));
    run.epochs = [];
    run.trainSeconds = 0;
    run.cpuSeconds = 0;
    if (answer.error) {
      run.error = answer.error;
      log(`   ${run.id}: error: ${answer.error}`);
    }
  }
  for (let e = 0; e < epochs; e++) {
    const order = runs.map((_, i) => runs[(i + e) % runs.length]).filter((r) => !r.error && r.reachedAt === undefined);
    for (const run of order) {
      const out = await run.worker.ask({ op: "epoch" }, 3_600_000).catch((err) => ({ error: err.message }));
      if (out.error) {
        run.error = out.error;
        continue;
      }
      run.epochs.push(out);
      run.trainSeconds += out.trainSeconds;
      run.cpuSeconds += out.cpuSeconds;
      if (out.testAccuracy >= target) run.reachedAt = { epoch: e + 1, seconds: run.trainSeconds, cpuSeconds: run.cpuSeconds };
      log(`   ${run.id} epoch ${e + 1}: ${fmt(out.trainSeconds)} s training (CPU ${fmt(out.cpuSeconds)} s), test accuracy ${(out.testAccuracy * 100).toFixed(2)}%`);
    }
  }
  for (const run of runs) {
    run.memory = await run.worker.exit();
    delete run.worker;
  }
  const result = { id: "e2e", title, target, epochs, runs };
  writeFileSync(join(outDir, "e2e.json"), JSON.stringify(result, null, 1));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Where lrkit's step time goes (lrkit only)

async function profileTask() {
  log("== lrkit profile: where the step time goes");
  const out = {};
  const t0 = Date.now();
  for (const model of ["mlp", "cnn", "adam-10m", "sgd-10m"]) {
    const worker = new Worker("lrkit-1", [...RUNTIMES["lrkit-1"].argv, "--task", "profile"], RUNTIMES["lrkit-1"].env);
    results.commands[`profile/${model}`] = worker.command;
    await worker.ask({ op: "setup" });
    const steps = model.includes("-") ? 10 : q ? 10 : 30;
    out[model] = await worker.ask({ op: "profile", model, mnistDir, steps }).catch((e) => ({ error: e.message }));
    await worker.exit();
    if (out[model].error) log(`   ${model}: error: ${out[model].error}`);
    else log(`   ${model}: done`);
  }
  writeFileSync(join(outDir, "profile.json"), JSON.stringify(out, null, 1));
  log(`   (${fmt((Date.now() - t0) / 1000)} s)`);
  return { id: "profile", title: "lrkit profile", models: out };
}

// ---------------------------------------------------------------------------------------------
// Machine and versions

function machineInfo() {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "unknown CPU";
  const version = (pkg) => JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")).version;
  let torch = { version: "not found", blas: "?" };
  try {
    const code = "import json, re, torch; s = torch.__config__.show(); m = re.search(r'BLAS_INFO=(\\w+)', s); print(json.dumps({'version': torch.__version__, 'blas': m.group(1) if m else '?'}))";
    torch = JSON.parse(execFileSync(flags.python, ["-c", code], { encoding: "utf8" }));
  } catch (error) {
    torch.error = String(error.message).split("\n")[0];
  }
  const caveats = [];
  const blasLink = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu";
  if (torch.blas === "generic" && existsSync(blasLink)) {
    const target = realpathSync(blasLink);
    const kind = /openblas/i.test(target) ? "OpenBLAS" : /blis/i.test(target) ? "BLIS" : /mkl/i.test(target) ? "MKL" : "the reference (netlib) BLAS";
    torch.blasLibrary = `${target} (${kind})`;
    if (kind === "the reference (netlib) BLAS") {
      caveats.push(
        `this PyTorch (${torch.version}, Debian build, BLAS_INFO=generic) does its matrix products with ${kind} at ${target}: ` +
          "Linear layers and matmuls are several times slower than a PyPI (MKL) build; convolutions go through oneDNN. Ratios against it flatter lrkit on matmul-heavy work.",
      );
    }
  }
  const git = (...a) => {
    try {
      return execFileSync("git", a, { encoding: "utf8" }).trim();
    } catch {
      return "?";
    }
  };
  const dirty = git("status", "--porcelain", "src") !== "";
  const distTime = existsSync("dist/index.js") ? statSync("dist/index.js").mtimeMs : 0;
  const newestSrc = newestMtime("src");
  if (newestSrc > distTime + 1000) caveats.push("dist/ is older than src/: run `npm run build` so the bench measures the current code");
  const load = loadavg().map((l) => l.toFixed(2)).join(" ");
  const info = {
    cpu,
    cores,
    node: process.version,
    torch,
    tfjs: version("@tensorflow/tfjs"),
    tfjsWasm: version("@tensorflow/tfjs-backend-wasm"),
    jaxjs: version("@jax-js/jax"),
    lrkit: `${git("rev-parse", "--short", "HEAD")}${dirty ? " + uncommitted src changes" : ""}`,
    date: new Date().toISOString(),
    loadStart: load,
    caveats,
  };
  info.line =
    `${cpu}, ${cores} cores; Node ${info.node}; lrkit ${info.lrkit} on @jax-js/jax ${info.jaxjs}; ` +
    `PyTorch ${torch.version} (BLAS ${torch.blas}); @tensorflow/tfjs ${info.tfjs}, tfjs-backend-wasm ${info.tfjsWasm}; load average ${load}`;
  return info;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function commandLine() {
  const args = process.argv.slice(2).join(" ");
  return args ? `node bench/run.mjs ${args}` : "npm run bench  (node bench/run.mjs)";
}

// ---------------------------------------------------------------------------------------------
// Report

function renderReport(res) {
  const L = [];
  const m = res.machine;
  L.push("# lrkit bench: side by side with PyTorch and TensorFlow.js", "");
  L.push(`Command: \`${res.command}\` — ${m.date}, ${fmt(res.wallSeconds / 60)} min.`, "");
  L.push(`Machine: ${m.line} (at the end: ${m.loadEnd}).`, "");
  for (const c of m.caveats) L.push(`- **Note:** ${c}`);
  if (m.caveats.length) L.push("");
  L.push(
    "All numbers are **ratios lrkit / peer** of median step times (below 1: lrkit is faster). Each runtime runs in its own",
    "process; after warm-up, the runtimes take turns in rounds (one block of steps each, rotating order), a round's ratio",
    "compares blocks run back to back, and the tables give the median ratio over rounds with its [min – max]. Absolute",
    "medians are listed for context only: this machine is shared and noisy.",
    "",
    "Two clocks: **CPU** time of the process (user + system, all its threads) and **wall** time. The verdicts use CPU time:",
    "on a loaded machine a wall-clock median favours whichever runtime has the shorter step (a short step often fits in",
    "one scheduler time slice, a long one is nearly always preempted), so wall ratios here come out far more in lrkit's",
    "favour than the CPU ratios when lrkit's step is the shorter one. On an idle machine the two agree for single-threaded",
    "runtimes. CPU ratios are given for single-threaded peers only (for PyTorch with N threads CPU time adds up the threads).",
    "",
    "lrkit runs in two forms: by default (`lrkit`), jax-js gets a pool of worker threads for its wasm kernels and the trainer",
    "times its first steps on the pool and on the calling thread and keeps the faster (src/train/kernel-placement.ts); and",
    "with `LRKIT_THREADS=1` (`lrkit-1`), everything on one thread. The default's CPU time adds up its threads, so its CPU",
    "ratio measures work, not speed; its speed is the wall ratio. The seed-CNN target is judged on wall time: it compares",
    "lrkit on the machine's cores with PyTorch on one, as the target was set.",
    "",
  );
  L.push(...verdicts(res), "");
  for (const t of Object.values(res.tasks)) {
    if (t.entries) L.push(...timedSection(t), "");
    else if (t.id === "e2e") L.push(...e2eSection(t), "");
    else if (t.id === "profile") L.push(...profileSection(t), "");
    else if (t.notAvailable !== undefined) L.push(`## ${t.title}`, "", t.note, "");
  }
  if (!res.tasks.e2e) L.push("## (e) time to 99.0% test accuracy", "", "Not run (long): `npm run bench:e2e` or `node bench/run.mjs --e2e`.", "");
  L.push(...memorySection(res), "");
  L.push("## Commands", "", "```", res.command);
  for (const [k, c] of Object.entries(res.commands)) L.push(`${k.padEnd(26)} ${c}`);
  L.push("```", "");
  return L.join("\n");
}

function ratioText(r) {
  return r ? `**${fmt(r.ratio)}** [${fmt(r.lo)} – ${fmt(r.hi)}]` : "–";
}

function verdicts(res) {
  const rows = [];
  const ratio = (task, peer) => res.tasks[task] && { wall: res.tasks[task].ratios?.[peer], cpu: res.tasks[task].oneThreadCpuRatios?.[peer] ?? res.tasks[task].cpuRatios?.[peer] };
  const add = (target, r, ceiling) =>
    rows.push(`| ${target} | ${ratioText(r?.cpu)} | ${r?.cpu ? verdict(r.cpu, ceiling) : "not measured"} | ${ratioText(r?.wall)} | ${r?.wall ? verdict(r.wall, ceiling) : "–"} |`);
  if (res.tasks.mlp) {
    add("MLP step ≤ 2 × PyTorch (1 thread)", ratio("mlp", "torch-1"), 2);
    add("MLP step ≥ 5 × faster than TF.js wasm (ratio ≤ 0.2)", ratio("mlp", "tfjs-wasm"), 0.2);
  }
  if (res.tasks.cnn) add(`seed CNN epoch ≤ 2 × PyTorch (1 thread)${res.tasks.cnn.full ? "" : " (extrapolated from timed batches)"}`, ratio("cnn", "torch-1"), 2);
  const range = res.tasks["lr-range"]?.entries?.lrkit;
  const cnnStep = res.tasks.cnn?.entries?.lrkit;
  if (range?.status === "ok" && cnnStep?.status === "ok") {
    const per = (e, key) => median(e[key].flat());
    const cpu = per(range, "cpuBlocks") / (100 * per(cnnStep, "cpuBlocks"));
    const wall = per(range, "blocks") / (100 * per(cnnStep, "blocks"));
    const text = (x) => `**${fmt(x)}** (medians: one test / 100 × one CNN step)`;
    rows.push(`| LR range test, 100 iterations ≤ 1.15 × 100 training steps (seed CNN, lrkit; a whole test with its compilation against 100 × a warm step: \`scripts/range-cost.mjs\` times both from scratch) | ${text(cpu)} | ${cpu <= 1.15 ? "met" : "missed"} | ${text(wall)} | ${wall <= 1.15 ? "met" : "missed"} |`);
  }
  for (const opt of ["adam", "sgd"]) {
    if (res.tasks[`opt-${opt}-10m`]) add(`${opt === "adam" ? "Adam" : "SGD momentum"} step alone ≤ 1.5 × PyTorch foreach (1 thread), 10 M params`, ratio(`opt-${opt}-10m`, "torch-1"), 1.5);
  }
  const e2e = res.tasks.e2e;
  if (e2e) {
    const l = e2e.runs.find((r) => r.id === "lrkit-onecycle");
    const a = e2e.runs.find((r) => r.id === "torch-adam");
    if (l?.reachedAt && a?.reachedAt) {
      const x = l.reachedAt.seconds / a.reachedAt.seconds;
      const cx = l.reachedAt.cpuSeconds / a.reachedAt.cpuSeconds;
      rows.push(
        `| time to 99.0% ≤ PyTorch Adam 1e-3 constant (1 thread) | **${fmt(cx)}** (${fmt(l.reachedAt.cpuSeconds)} s / ${fmt(a.reachedAt.cpuSeconds)} s) | ${cx <= 1 ? "met" : "missed"} | **${fmt(x)}** (${fmt(l.reachedAt.seconds)} s / ${fmt(a.reachedAt.seconds)} s) | ${x <= 1 ? "met" : "missed"} |`,
      );
    } else {
      const v = l?.reachedAt ? "met" : "missed";
      rows.push(`| time to 99.0% ≤ PyTorch Adam 1e-3 constant | lrkit ${l?.reachedAt ? "reached" : "did not reach 99.0%"}, PyTorch Adam ${a?.reachedAt ? "reached" : "did not reach 99.0%"} | ${v} | | ${v} |`);
    }
  } else rows.push("| time to 99.0% ≤ PyTorch Adam 1e-3 constant | not run (`--e2e`) | – | | – |");
  return [
    "## Targets",
    "",
    "CPU column: lrkit on one thread (`LRKIT_THREADS=1`) where the task ran it, else lrkit as it runs by default; wall column:",
    `lrkit as it runs by default (jax-js's kernels on ${res.machine.cores ?? "all"} worker threads where the step gains from them).`,
    "",
    "| target | lrkit / peer, CPU time: median [min – max] | verdict | lrkit / peer, wall time | verdict (wall) |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ];
}

function timedSection(t) {
  const L = [`## ${t.title}`, ""];
  const extrapolate = t.epochBatches && !t.full;
  if (extrapolate) L.push(`Batches timed per runtime are listed below; the epoch estimate is ${t.epochBatches} × the median step (an MNIST epoch at batch 64). \`--full\` times whole epochs.`, "");
  const unit = t.unit ?? "step";
  const head = ["runtime", "lrkit / runtime, CPU", "lrkit / runtime, wall", `median ${unit}, CPU (ms)`, `median ${unit}, wall (ms)`, ...(t.epochBatches ? ["epoch, CPU / wall (s)"] : []), `${unit}s timed`, "sanity"];
  L.push(`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`);
  for (const e of Object.values(t.entries)) {
    if (e.status !== "ok") {
      L.push(`| ${e.label} | ${e.status} | ${(e.error ?? "").split(" | ")[0].replace(/\|/g, "/")} | – | – | ${t.epochBatches ? "– | " : ""}– | – |`);
      continue;
    }
    const all = e.blocks.flat();
    const step = median(all);
    const allCpu = e.cpuBlocks.flat();
    const timed = t.full && all.length >= 900;
    const epoch = timed
      ? `${fmt(sum(allCpu) / 1000)} / ${fmt(sum(all) / 1000)} (timed)`
      : `${fmt((median(allCpu) * (t.epochBatches ?? 0)) / 1000)} / ${fmt((step * (t.epochBatches ?? 0)) / 1000)} (est.)`;
    const own = e.runtime === "lrkit";
    const cells = [
      e.label,
      own ? "1" : ratioText(t.cpuRatios?.[e.runtime]),
      own ? "1" : ratioText(t.ratios[e.runtime]),
      fmt(median(e.cpuBlocks.flat())),
      fmt(step),
      ...(t.epochBatches ? [epoch] : []),
      `${all.length} (${e.blocks.length} × ${e.blockSize})`,
      sanityCell(e),
    ];
    L.push(`| ${cells.join(" | ")} |`);
  }
  const readings = Object.values(t.entries).filter((e) => e.setup?.readings);
  if (readings.length) {
    L.push("", "The curves, read the same way in every runtime (bench/curve.mjs): η at the lowest smoothed loss, η of the steepest descent; lrkit's own `valley` suggestion beside them.", "");
    for (const e of readings) {
      const r = e.setup.readings;
      L.push(`- ${e.label}: ${r.points} points (ended: ${r.stopped}), smoothed loss ${fmt(r.first, 3)} → min ${fmt(r.min, 3)} at η ${r.lrAtMin.toExponential(2)}; steepest at η ${r.lrSteepest.toExponential(2)}${r.valley ? `; valley ${r.valley.toExponential(2)}` : ""}.`);
    }
    L.push("", "Each timed unit is a whole test from the same initial weights; lrkit's `lrRangeTest` builds its own jitted step, so its time includes one compilation.");
  }
  return L;
}

function sanityCell(e) {
  if (!e.sanity) return "–";
  const text = sanityText(e.sanity).replace(/^(ok|FAILED) /, "");
  const where = e.setup?.warmupLosses ? " over warm-up and timed steps" : "";
  return `${e.sanityOk ? "ok" : "**FAILED**"} ${text}${where}`;
}

function e2eSection(t) {
  const L = [`## ${t.title}`, ""];
  L.push("Seconds of training (test evaluation excluded) until test accuracy ≥ 99.0%, checked after every epoch; the three runs take turns epoch by epoch.", "");
  L.push("| run | reached | training seconds (wall) | CPU seconds | test accuracy per epoch (%) | wall seconds per epoch |", "| --- | --- | --- | --- | --- | --- |");
  for (const r of t.runs) {
    const reached = r.reachedAt ? `epoch ${r.reachedAt.epoch}` : r.error ? `error: ${r.error.split(" | ")[0]}` : `not reached in ${r.epochs.length} epochs`;
    const seconds = r.reachedAt ? fmt(r.reachedAt.seconds) : "–";
    const cpu = r.reachedAt ? fmt(r.reachedAt.cpuSeconds) : "–";
    L.push(`| ${r.label} | ${reached} | ${seconds} | ${cpu} | ${r.epochs.map((e) => (e.testAccuracy * 100).toFixed(2)).join(", ")} | ${r.epochs.map((e) => fmt(e.trainSeconds)).join(", ")} |`);
  }
  return L;
}

function profileSection(t) {
  const L = ["## Where lrkit's step time goes", ""];
  for (const [model, p] of Object.entries(t.models)) {
    if (p.error) {
      L.push(`${model}: error: ${p.error}`, "");
      continue;
    }
    L.push(`### ${p.title}`, "");
    if (p.rows.length) {
      L.push("| piece | median CPU (ms) | share of the fit step | median wall (ms) |", "| --- | --- | --- | --- |");
      for (const row of p.rows) L.push(`| ${row.name} | ${fmt(row.ms)} | ${Math.round(row.share * 100)}% | ${fmt(row.wallMs)} |`);
      L.push("");
    }
    if (p.kernels?.length) {
      L.push(
        `Kernels (jax-js profiler over ${p.kernelSteps} jitted steps; per kernel: median wall duration × launches; long kernels are inflated when the machine is loaded): ` +
          `${fmt(p.kernelMsPerStep)} ms of a ${fmt(p.stepMsTraced)} ms (wall) step, ${fmt(p.kernelsPerStep, 0)} kernel launches per step. Largest:`,
        "",
      );
      L.push("| kernel | ms per step | launches per step | detail |", "| --- | --- | --- | --- |");
      for (const k of p.kernels) L.push(`| ${k.label} | ${fmt(k.msPerStep)} | ${fmt(k.countPerStep, 1)} | ${k.detail.replace(/\|/g, "/").slice(0, 160)} |`);
      L.push("");
    }
    if (p.notes) L.push(...p.notes.map((n) => `- ${n}`), "");
  }
  return L;
}

function memorySection(res) {
  const rows = [];
  const runtimes = new Set();
  for (const t of Object.values(res.tasks)) {
    if (t.entries) for (const e of Object.values(t.entries)) if (e.memory?.maxRssMiB) runtimes.add(e.runtime);
  }
  const ids = [...runtimes];
  if (ids.length === 0) return [];
  rows.push("## (g) Peak memory", "");
  rows.push("Peak resident set size (MiB) of each worker process: `process.resourceUsage().maxRSS` in Node, `resource.getrusage` in Python; in parentheses the peak right after the runtime was imported, before the task. One process per (task, runtime), so no two share a number. The MNIST tasks hold their data in every runtime (CNN: 60,000 × 784 float32 = 188 MB; MLP: 8,192 images, 26 MB).", "");
  rows.push(`| task | ${ids.map((id) => RUNTIMES[id]?.label ?? id).join(" | ")} |`, `| --- | ${ids.map(() => "---").join(" | ")} |`);
  for (const t of Object.values(res.tasks)) {
    if (!t.entries) continue;
    const cells = ids.map((id) => {
      const mem = t.entries[id]?.memory;
      return mem?.maxRssMiB ? `${fmt(mem.maxRssMiB, 0)} (${fmt(mem.rssAtStartMiB, 0)})` : "–";
    });
    rows.push(`| ${t.title.replace(/^\((\w)\) /, "($1) ")} | ${cells.join(" | ")} |`);
  }
  if (res.tasks.e2e) {
    rows.push("", "Time-to-accuracy runs: " + res.tasks.e2e.runs.map((r) => `${r.id} ${r.memory?.maxRssMiB ? fmt(r.memory.maxRssMiB, 0) : "–"} MiB`).join(", ") + ".");
  }
  return rows;
}
