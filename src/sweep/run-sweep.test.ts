import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { openStore } from "../store/index.js";
import { runSweep } from "./run-sweep.js";
import { sweepJson } from "./results.js";

/** Worker threads run the built worker (`npm test` builds first; alone: `npm run build`). */
const workerScript = new URL("../../dist/sweep/worker.js", import.meta.url);

const base = { data: { name: "iris" }, model: { preset: "mlp", hidden: [8] }, optimizer: { type: "SGD", lr: 0.1, momentum: 0.9 }, epochs: 9, batch_size: 16, seed: 0 };

/** A model that builds but cannot be allocated (2⁴² weights): its trial fails once it is recorded and starts training. */
const tooBig = { preset: "mlp", hidden: [2 ** 40] };

let dir: string;
let storePath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-sweep-"));
  storePath = join(dir, "runs.db");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("runSweep in this thread", () => {
  it("stops trials at ASHA's rungs, records every trial and ranks them on the validation loss", async () => {
    const config = { ...base, search: { method: "grid", scheduler: "asha", space: { "optimizer.lr": { loguniform: [1e-3, 1], points: 6 } } } };
    const ended: string[] = [];
    const result = await runSweep(config, { storePath, workers: 0, where: "sweep.yaml", onTrialEnd: (o, p) => ended.push(`${p.done}/${p.total} ${o.status}`) });

    expect(ended).toHaveLength(6);
    expect(ended.at(-1)).toMatch(/^6\/6 /);
    expect(result.resumed).toBe(false);
    const values = result.trials.map((t) => t.value!);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(result.trials.map((t) => t.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.best).toEqual(result.trials[0]);
    for (const t of result.trials) {
      expect(t.status === "stopped").toBe(t.stoppedEarly);
      expect(t.stoppedEarly ? [1, 3] : [9]).toContain(t.epochs);
      expect(t.steps).toBe(t.epochs * 7);
    }
    expect(result.trials.filter((t) => t.stoppedEarly).length).toBeGreaterThanOrEqual(3);

    const store = openStore(storePath, { readonly: true });
    try {
      expect(store.getSweep(result.sweepId)).toMatchObject({ status: "completed", name: "sweep.yaml" });
      const runs = store.listRuns({ sweepId: result.sweepId });
      expect(runs).toHaveLength(6);
      for (const t of result.trials) {
        const run = store.getRun(t.runId!);
        expect(run).toMatchObject({ kind: "sweep-trial", trialKey: t.key, status: t.status, epochCount: t.epochs, stepCount: t.steps, plannedSteps: 9 * 7 });
        expect(run.config).toMatchObject({ optimizer: { lr: t.overrides["optimizer.lr"] } });
      }
    } finally {
      store.close();
    }
    const json = sweepJson(result);
    expect(json.best?.key).toBe(result.trials[0]!.key);
    expect(json.trials[0]).toMatchObject({ rank: 1, overrides: result.trials[0]!.overrides, status: "completed", stopped_early: false, epochs: 9 });
  });

  it("records each trial's sharpness probes when the config asks for them", async () => {
    const config = { ...base, epochs: 1, sharpness: { every: 3, iters: 5 }, search: { method: "grid", space: { "optimizer.lr": { values: [0.05, 0.2] } } } };
    const result = await runSweep(config, { storePath, workers: 0, where: "sweep.yaml" });
    expect(result.trials.map((t) => t.status)).toEqual(["completed", "completed"]);
    const store = openStore(storePath, { readonly: true });
    try {
      for (const t of result.trials) {
        const rows = store.getSharpness(t.runId!);
        expect(rows.map((r) => r.step)).toEqual([0, 3, 6]);
        for (const r of rows) expect(r.threshold).toBeCloseTo(2 / (t.overrides["optimizer.lr"] as number), 10);
      }
    } finally {
      store.close();
    }
  });

  it("records a trial that throws as failed with its error, and goes on", async () => {
    const config = { ...base, epochs: 2, search: { method: "grid", space: { model: { values: [tooBig, { preset: "mlp", hidden: [8] }] } } } };
    const result = await runSweep(config, { storePath, workers: 0 });
    expect(result.trials.map((t) => t.status)).toEqual(["completed", "failed"]);
    const failed = result.trials[1]!;
    expect(failed.error).toContain("Invalid typed array length");
    expect(failed.rank).toBe(2);
    const store = openStore(storePath, { readonly: true });
    try {
      expect(store.getRun(failed.runId!)).toMatchObject({ status: "failed", error: failed.error });
      expect(store.getSweep(result.sweepId).status).toBe("completed");
    } finally {
      store.close();
    }
  });

  it("builds every trial's run on its data first: one that cannot be built fails the sweep, naming the trial, before anything is recorded", async () => {
    const config = { ...base, epochs: 2, search: { method: "grid", space: { model: { values: [{ preset: "mlp", hidden: [8] }, { preset: "cnn" }] } } } };
    const error = await runSweep(config, { storePath, workers: 0, where: "sweep.yaml" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('sweep.yaml: trial {"model":{"preset":"cnn"}}: model preset "cnn": input shape [4] does not fit; expected an image shape [C, H, W]');
    expect(existsSync(storePath)).toBe(false);
  });
});

describe("runSweep in worker threads (built dist/)", () => {
  it("runs trials in 2 threads at once, each recording its own steps, and records failures", async () => {
    expect(existsSync(workerScript), `${workerScript.pathname} is missing: run npm run build first`).toBe(true);
    // Trials long enough (2,100 steps) that a thread whose engine starts late still overlaps the other's.
    const config = {
      ...base,
      epochs: 300,
      search: { method: "grid", space: { model: { values: [{ preset: "mlp", hidden: [8] }, tooBig] }, "optimizer.lr": { values: [0.03, 0.3] } } },
    };
    const result = await runSweep(config, { storePath, workers: 2, workerScript });
    const byKey = new Map(result.trials.map((t) => [JSON.stringify(t.overrides), t]));
    expect(result.trials).toHaveLength(4);
    expect(result.trials.filter((t) => t.status === "failed")).toHaveLength(2);
    for (const t of result.trials.filter((t) => t.status !== "failed")) expect(t).toMatchObject({ status: "completed", epochs: 300, steps: 2100 });
    expect(byKey.get(JSON.stringify({ model: tooBig, "optimizer.lr": 0.3 }))?.error).toContain("Invalid typed array length");

    const store = openStore(storePath, { readonly: true });
    try {
      const runs = store.listRuns({ sweepId: result.sweepId }).filter((r) => r.status === "completed");
      expect(runs.map((r) => r.stepCount)).toEqual([2100, 2100]);
      const [a, b] = runs.map((r) => [Date.parse(r.createdAt), Date.parse(r.finishedAt!)] as const);
      expect(a![0] < b![1] && b![0] < a![1]).toBe(true);
    } finally {
      store.close();
    }
  });
});
