/**
 * `lrkit sweep --queue` and `lrkit worker` end to end: a redis-server of the test's own, the built
 * CLI as coordinator and worker processes, and the coordinator's run store read back.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.js";
import { connectRedis, startQueueWorker } from "../src/sweep/index.js";
import { cliWithStore, startCli, type RunningCli } from "./run-cli.js";
import { freePort, startRedis, type RedisServer } from "./redis-server.js";

let dir: string;
let redis: RedisServer;
const workers: RunningCli[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-queue-"));
  redis = await startRedis();
});

/** Workers take trials of any sweep on their Redis: each test has its own. */
afterEach(async () => {
  for (const w of workers.splice(0)) {
    w.child.kill("SIGKILL");
    await w.done;
  }
});

afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function config(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const iris = (epochs: number, search: string) => `data: { name: iris }
model: { preset: mlp, hidden: [8] }
optimizer: { type: SGD, lr: 0.1, momentum: 0.9 }
epochs: ${epochs}
batch_size: 16
search:
${search}
`;

const grid = (points: number) => `  method: grid
  space:
    optimizer.lr: { loguniform: [1.0e-3, 1], points: ${points} }`;

const one = `  method: grid
  space:
    optimizer.lr: { values: [0.1] }`;

function worker(store: string, ...extra: string[]): RunningCli {
  const w = startCli(store, "worker", "--queue", redis.url, ...extra);
  workers.push(w);
  return w;
}

interface SweepJson {
  sweep_id: string;
  resumed: boolean;
  trials: { key: string; run_id: string; status: string; value: number; epochs: number; stopped_early: boolean; error?: string }[];
}

/** Each trial key's runs in the store: [status, error] per run. */
function runsByTrial(store: string, sweepId: string): Map<string, { runId: string; status: string; error?: string }[]> {
  const reader = openStore(store, { readonly: true });
  try {
    const byKey = new Map<string, { runId: string; status: string; error?: string }[]>();
    for (const t of reader.sweepTrials(sweepId)) {
      const run = reader.getRun(t.runId);
      byKey.set(t.trialKey!, [...(byKey.get(t.trialKey!) ?? []), { runId: t.runId, status: t.status, ...(run.error === undefined ? {} : { error: run.error }) }]);
    }
    return byKey;
  } finally {
    reader.close();
  }
}

async function until(what: string, test: () => boolean, seconds = 30): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The runs of the store's only running sweep (none before it exists). */
function liveRuns(store: string): { status: string; epochs: number }[] {
  try {
    const reader = openStore(store, { readonly: true });
    try {
      return reader.listRuns({ kind: "sweep-trial" }).map((r) => ({ status: r.status, epochs: r.epochCount }));
    } finally {
      reader.close();
    }
  } catch {
    return [];
  }
}

describe("lrkit sweep --queue with lrkit worker processes", () => {
  it("three workers finish a grid: every trial once, with its steps and epochs, and the values of a local sweep", async () => {
    const store = join(dir, "grid.db");
    const file = config("grid.yaml", iris(3, grid(6)));
    const coordinator = startCli(store, "sweep", "--config", file, "--queue", redis.url, "--json");
    const three = [worker(store), worker(store), worker(store)];
    const result = await coordinator.done;
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as SweepJson;
    expect(json.trials.map((t) => t.status)).toEqual(Array(6).fill("completed"));
    const runs = runsByTrial(store, json.sweep_id);
    expect([...runs.values()].map((r) => r.length)).toEqual(Array(6).fill(1));
    const reader = openStore(store, { readonly: true });
    for (const t of json.trials) {
      expect(reader.getEpochs(t.run_id)).toHaveLength(3);
      expect(reader.getSteps(t.run_id)).toHaveLength(21);
    }
    reader.close();
    const took = three.map((w) => (w.stderr().match(/ started$/gm) ?? []).length);
    expect(took.reduce((a, b) => a + b)).toBe(6);
    expect(took.filter((n) => n > 0).length).toBeGreaterThan(1);

    const local = await cliWithStore(join(dir, "local.db"))("sweep", "--config", file, "--workers", "0", "--json");
    const value = (j: SweepJson) => Object.fromEntries(j.trials.map((t) => [t.key, t.value]));
    expect(value(json)).toEqual(value(JSON.parse(local.stdout) as SweepJson));
  });

  it("a worker killed with -9 during a trial: another worker runs it again, and each trial has one completed run", async () => {
    const store = join(dir, "kill.db");
    const coordinator = startCli(store, "sweep", "--config", config("kill.yaml", iris(80, grid(3))), "--queue", redis.url, "--json");
    const victim = worker(store);
    await until("the first worker is a few epochs into a trial", () => liveRuns(store).some((r) => r.status === "running" && r.epochs >= 3));
    const rescuer = worker(store);
    victim.child.kill("SIGKILL");
    const result = await coordinator.done;
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as SweepJson;
    expect(json.trials.map((t) => [t.status, t.epochs])).toEqual(Array(3).fill(["completed", 80]));
    const runs = runsByTrial(store, json.sweep_id);
    for (const attempts of runs.values()) expect(attempts.filter((a) => a.status === "completed")).toHaveLength(1);
    const interrupted = [...runs.values()].flat().filter((a) => a.status !== "completed");
    expect(interrupted).toEqual([expect.objectContaining({ status: "failed", error: expect.stringMatching(/^interrupted: the worker running this trial stopped/) })]);
    expect(rescuer.stderr()).toMatch(/started/);
  });

  it("two sweeps at once and two workers of concurrency 1: a busy worker holds no second trial, so the idle one runs it", async () => {
    const sweeps = ["0.1", "0.05"].map((lr, i) => {
      const store = join(dir, `share-${i}.db`);
      const file = config(`share-${i}.yaml`, iris(400, `  method: grid\n  space:\n    optimizer.lr: { values: [${lr}] }`));
      return { store, coordinator: startCli(store, "sweep", "--config", file, "--queue", redis.url, "--json") };
    });
    await until("both sweeps are queued", () => sweeps.every((s) => / 1 trials$/m.test(s.coordinator.stderr())));
    const first = worker(sweeps[0]!.store);
    await until("the first worker is a few epochs into a trial", () => sweeps.some((s) => liveRuns(s.store).some((r) => r.status === "running" && r.epochs >= 3)));
    const second = worker(sweeps[0]!.store);
    const results = await Promise.all(sweeps.map((s) => s.coordinator.done));
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const ran = (w: RunningCli) => [...w.stderr().matchAll(/^sweep (\w+): .* started$/gm)].map((m) => m[1]);
    expect([ran(first).length, ran(second).length]).toEqual([1, 1]);
    const ids = results.map((r) => (JSON.parse(r.stdout) as SweepJson).sweep_id);
    expect([...ran(first), ...ran(second)].sort()).toEqual(ids.sort());
  });

  it("a coordinator killed and started again with the same config resumes: finished trials kept, the rest run once", async () => {
    const store = join(dir, "restart.db");
    const file = config("restart.yaml", iris(60, grid(4)));
    const first = startCli(store, "sweep", "--config", file, "--queue", redis.url, "--json");
    worker(store);
    await until("a trial has finished", () => liveRuns(store).some((r) => r.status === "completed"));
    first.child.kill("SIGKILL");
    await first.done;
    const kept = liveRuns(store).filter((r) => r.status === "completed").length;
    const second = startCli(store, "sweep", "--config", file, "--queue", redis.url, "--json");
    const result = await second.done;
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as SweepJson;
    expect(json.resumed).toBe(true);
    expect(result.stderr).toMatch(new RegExp(`^resuming sweep ${json.sweep_id}: (\\d) of 4 trials done$`, "m"));
    expect(Number(/: (\d) of 4/.exec(result.stderr)![1])).toBeGreaterThanOrEqual(kept);
    expect(json.trials.map((t) => t.status)).toEqual(Array(4).fill("completed"));
    for (const attempts of runsByTrial(store, json.sweep_id).values()) expect(attempts.filter((a) => a.status === "completed")).toHaveLength(1);
  });

  it("ASHA over the queue stops the trials a local sweep stops (one worker: the same order of reports)", async () => {
    const file = config("asha.yaml", iris(4, `  method: grid\n  scheduler: { type: asha, reduction_factor: 2 }\n  space:\n    optimizer.lr: { loguniform: [1.0e-3, 3], points: 6 }`));
    const store = join(dir, "asha.db");
    const coordinator = startCli(store, "sweep", "--config", file, "--queue", redis.url, "--json");
    worker(store);
    const queued = await coordinator.done;
    const local = await cliWithStore(join(dir, "asha-local.db"))("sweep", "--config", file, "--workers", "0", "--json");
    const decisions = (j: SweepJson) => Object.fromEntries(j.trials.map((t) => [t.key, [t.status, t.epochs, t.stopped_early]]));
    const remote = decisions(JSON.parse(queued.stdout) as SweepJson);
    expect(remote).toEqual(decisions(JSON.parse(local.stdout) as SweepJson));
    expect(Object.values(remote).filter(([status]) => status === "stopped").length).toBeGreaterThan(0);
  });

  it("--workers N with --queue: the coordinator takes N trials at a time from its own queue, no worker needed", async () => {
    const store = join(dir, "own.db");
    const result = await cliWithStore(store)("sweep", "--config", config("own.yaml", iris(2, grid(3))), "--queue", redis.url, "--workers", "2", "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as SweepJson;
    expect(json.trials.map((t) => t.status)).toEqual(Array(3).fill("completed"));
    expect([...runsByTrial(store, json.sweep_id).values()].map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it("a worker without the data set, or on another lrkit version, fails the trial with that message", async () => {
    const store = join(dir, "faults.db");
    const empty = mkdtempSync(join(dir, "no-data-"));
    const coordinator = startCli(store, "sweep", "--config", config("faults.yaml", iris(2, grid(2))), "--queue", redis.url, "--json");
    const missing = worker(store, "--data-dir", empty);
    const result = await coordinator.done;
    missing.child.kill("SIGKILL");
    expect(result.code).toBe(3);
    for (const t of (JSON.parse(result.stdout) as SweepJson).trials) expect(t).toMatchObject({ status: "failed", error: expect.stringContaining(empty) });

    const old = startCli(store, "sweep", "--config", config("version.yaml", iris(2, one)), "--queue", redis.url, "--json");
    const connection = await connectRedis(redis.url);
    const other = startQueueWorker(connection, { concurrency: 1, version: "0.0.1", script: new URL("../dist/sweep/worker.js", import.meta.url) });
    const refused = await old.done;
    await other.close();
    connection.disconnect();
    expect(refused.code).toBe(3);
    expect((JSON.parse(refused.stdout) as SweepJson).trials[0]).toMatchObject({
      status: "failed",
      error: "this worker runs lrkit 0.0.1 and the sweep's coordinator lrkit 0.1.0; run the same version on both",
    });
  });

  it("builds every trial's run on the coordinator before queueing any: a OneCycleLR cycle too short for one trial is exit 2 naming it, with no sweep or run", async () => {
    const store = join(dir, "short-cycle.db");
    worker(store);
    const short = iris(2, "  method: grid\n  space:\n    batch_size: { values: [16, 8] }").replace("batch_size: 16\n", "batch_size: 16\nscheduler: { type: OneCycleLR, max_lr: 0.2, total_steps: 14 }\n");
    const file = config("short-cycle.yaml", short);
    const result = await cliWithStore(store)("sweep", "--config", file, "--queue", redis.url);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^lrkit: .*short-cycle\\.yaml: trial \\{"batch_size":8\\}: config\\.scheduler\\.total_steps: OneCycleLR's cycle \\(total_steps 14\\) is shorter than the 28 steps the run takes \\(2 epochs × 14 batches\\)`));
    expect(existsSync(store)).toBe(false);
  });

  it("an unreachable Redis is one line naming the URL without its password, exit 2", async () => {
    const port = await freePort();
    const lrkit = cliWithStore(join(dir, "bad.db"));
    const sweep = await lrkit("sweep", "--config", config("bad.yaml", iris(1, one)), "--queue", `redis://:s3cret@127.0.0.1:${port}`);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toBe(`lrkit: cannot reach the sweep queue's Redis at redis://***@127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`);
    const work = await lrkit("worker", "--queue", `redis://user:s3cret@127.0.0.1:${port}`);
    expect(work.code).toBe(2);
    expect(work.stderr).not.toContain("s3cret");
    expect(work.stderr).toMatch(/^lrkit: cannot reach the sweep queue's Redis at redis:\/\/\*\*\*@127\.0\.0\.1:\d+: .*\n$/);
    const notRedis = await lrkit("worker", "--queue", "http://127.0.0.1:1");
    expect(notRedis).toMatchObject({ code: 2, stderr: `lrkit: --queue: "http://127.0.0.1:1" is not a Redis URL; expected redis://HOST:PORT (rediss:// for TLS)\n` });
  });
});
