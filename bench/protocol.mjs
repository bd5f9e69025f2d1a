/**
 * The line protocol between bench/run.mjs and its workers (Node workers use this file; the
 * PyTorch worker speaks the same protocol in torch_bench.py).
 *
 * The parent writes one JSON command per line to the worker's stdin; the worker answers each with
 * one line `@@BENCH {json}` on stdout (anything else on stdout, such as a library's banner, is
 * ignored). Commands: `{op: "setup", ...task options}`, `{op: "run", n}` (n timed steps),
 * `{op: "epoch"}` (e2e: one epoch plus a test evaluation), `{op: "exit"}` (answers with the
 * process's peak RSS, then exits). A failing command answers `{error: message}`.
 */
import process from "node:process";
import { createInterface } from "node:readline";

export const MARK = "@@BENCH ";

/** Peak resident set size of this process so far, in MiB (Linux reports KiB). */
export function maxRssMiB() {
  return process.resourceUsage().maxRSS / 1024;
}

/** Serve commands with `handlers[op](command)`; each handler returns the JSON answer. */
export async function serve(handlers) {
  const rssAtStart = maxRssMiB();
  const reply = (obj) => process.stdout.write(MARK + JSON.stringify(obj) + "\n");
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const command = JSON.parse(line);
    if (command.op === "exit") {
      reply({ maxRssMiB: maxRssMiB(), rssAtStartMiB: rssAtStart });
      break;
    }
    try {
      const handler = handlers[command.op];
      if (!handler) throw new Error(`unknown op ${command.op}`);
      reply(await handler(command));
    } catch (error) {
      reply({ error: String(error?.stack ?? error).split("\n").slice(0, 4).join(" | ") });
    }
  }
  lines.close();
  process.exit(0);
}

/** CPU time (user + system, all threads) of this process, in ms. */
export function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `once` (sync or async) `n` times; the wall and CPU time of each run in ms, as `{ times, cpu }`. */
export async function timeRuns(n, once) {
  const times = [];
  const cpu = [];
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    const c = cpuMs();
    await once();
    times.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  return { times, cpu };
}

/** `--name value` from argv, or `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The loss sanity check every runtime applies: the mean of the last k losses is below that of the first k (k ≤ 3). */
export function lossFalls(losses, k = Math.max(1, Math.min(3, Math.floor(losses.length / 2)))) {
  const head = losses.slice(0, k);
  const tail = losses.slice(-k);
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  return { first: mean(head), last: mean(tail), ok: Number.isFinite(mean(tail)) && mean(tail) < mean(head) };
}

/** A small seeded generator (mulberry32) returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
