import { mkdtempSync, rmSync } from "node:fs";
import type { StepRow } from "../log/index.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { openStore, StoreError, type RunStore } from "./index.js";

let dir: string;
let store: RunStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-store-"));
  store = openStore(join(dir, "nested", "runs.db"));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = { optimizer: { type: "SGD", lr: 0.1, momentum: 0.9 }, epochs: 2, batch_size: 32 };

function steps(from: number, count: number, epoch = 0): StepRow[] {
  return Array.from({ length: count }, (_, i) => ({ step: from + i, epoch, lr: 0.1 / (from + i + 1), loss: 1 / (from + i + 1), gradNorm: 2 + i }));
}

describe("runs", () => {
  it("round-trips a run: create, log steps and epochs, finish, read", () => {
    const id = store.createRun({ name: "baseline", kind: "train", config, tags: ["mnist"] });
    expect(id).toMatch(/^[0-9a-z]{13}$/);
    const created = store.getRun(id);
    expect(created).toMatchObject({ id, name: "baseline", kind: "train", status: "running", config, tags: ["mnist"], stepCount: 0, epochCount: 0, best: {} });
    expect(created.finishedAt).toBeUndefined();

    store.logSteps(id, steps(0, 10));
    store.logEpoch(id, { epoch: 0, step: 10, lr: 0.05, trainLoss: 0.7, val: { loss: 0.6, accuracy: 0.8 }, seconds: 1.5 });
    store.logSteps(id, steps(10, 10, 1));
    store.logEpoch(id, { epoch: 1, step: 20, lr: 0.01, trainLoss: 0.4, val: { loss: 0.65, accuracy: 0.85 }, seconds: 1.25 });
    store.finishRun(id, { status: "completed", metrics: { accuracy: 0.85, loss: 0.65 }, summary: { best_epoch: 1 } });

    const run = store.getRun(id);
    expect(run).toMatchObject({
      status: "completed",
      metrics: { accuracy: 0.85, loss: 0.65 },
      summary: { best_epoch: 1 },
      stepCount: 20,
      lastStep: 19,
      epochCount: 2,
      best: { loss: 0.6, accuracy: 0.85 },
    });
    expect(run.error).toBeUndefined();
    expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.createdAt));
    expect(store.getSteps(id)).toEqual([...steps(0, 10), ...steps(10, 10, 1)]);
    expect(store.getEpochs(id)).toEqual([
      { epoch: 0, step: 10, lr: 0.05, trainLoss: 0.7, val: { loss: 0.6, accuracy: 0.8 }, seconds: 1.5 },
      { epoch: 1, step: 20, lr: 0.01, trainLoss: 0.4, val: { loss: 0.65, accuracy: 0.85 }, seconds: 1.25 },
    ]);
  });

  it("keeps a run's planned steps and each step's wall time, and opens a store that predates both columns", () => {
    const path = join(dir, "old.db");
    const old = openStore(path);
    const id = old.createRun({ kind: "train", config });
    old.close();
    const db = new Database(path);
    db.exec("ALTER TABLE runs DROP COLUMN planned_steps; ALTER TABLE steps DROP COLUMN elapsed");
    db.prepare("INSERT INTO steps (run_id, step, epoch, lr, loss, grad_norm) VALUES (?, 0, 0, 0.1, 2, 1)").run(id);
    db.close();
    const readonly = openStore(path, { readonly: true });
    expect(readonly.getRun(id).plannedSteps).toBeUndefined();
    expect(readonly.getSteps(id)).toEqual([{ step: 0, epoch: 0, lr: 0.1, loss: 2, gradNorm: 1 }]);
    readonly.close();
    const reopened = openStore(path);
    const planned = reopened.createRun({ kind: "train", config, plannedSteps: 1688 });
    reopened.logSteps(planned, [{ step: 0, epoch: 0, lr: 0.1, loss: 2, elapsed: 0.125 }]);
    expect(reopened.getRun(planned).plannedSteps).toBe(1688);
    expect(reopened.getRun(id).plannedSteps).toBeUndefined();
    expect(reopened.getSteps(planned)).toEqual([{ step: 0, epoch: 0, lr: 0.1, loss: 2, elapsed: 0.125 }]);
    reopened.close();
  });

  it("keeps a failed run's error and reads back from a second, read-only connection", () => {
    const id = store.createRun({ kind: "find", config: { start_lr: 1e-7 } });
    store.finishRun(id, { status: "failed", error: "RangeError: out of memory" });
    const reader = openStore(store.path, { readonly: true });
    try {
      expect(reader.getRun(id)).toMatchObject({ kind: "find", status: "failed", error: "RangeError: out of memory" });
      expect(() => reader.createRun({ kind: "train", config })).toThrow(/opened read-only, so creating a train run is not possible/);
    } finally {
      reader.close();
    }
  });

  it("returns only the steps after `sinceStep`, and replaces a step logged twice", () => {
    const id = store.createRun({ kind: "train", config });
    store.logSteps(id, steps(0, 5));
    expect(store.getSteps(id, { sinceStep: 2 }).map((s) => s.step)).toEqual([3, 4]);
    expect(store.getSteps(id, { sinceStep: 4 })).toEqual([]);
    expect(store.getSteps(id, { sinceStep: 0, limit: 2 }).map((s) => s.step)).toEqual([1, 2]);
    store.logSteps(id, [{ step: 4, epoch: 0, lr: 0.5, loss: 9 }]);
    expect(store.getSteps(id, { sinceStep: 3 })).toEqual([{ step: 4, epoch: 0, lr: 0.5, loss: 9 }]);
    expect(store.getRun(id).stepCount).toBe(5);
  });

  it("keeps NaN and ±Infinity in steps, epochs, metrics and configs", () => {
    const id = store.createRun({ kind: "train", config: { clip: { max_norm: Infinity } } });
    store.logSteps(id, [
      { step: 0, epoch: 0, lr: 0.1, loss: NaN, gradNorm: Infinity },
      { step: 1, epoch: 0, lr: 0.1, loss: Infinity, gradNorm: NaN },
      { step: 2, epoch: 0, lr: 0.1, loss: -Infinity },
    ]);
    store.logEpoch(id, { epoch: 0, step: 3, lr: 0.1, trainLoss: NaN, val: { loss: Infinity, accuracy: NaN }, seconds: 0.5 });
    store.finishRun(id, { status: "diverged", metrics: { loss: NaN, worst: -Infinity }, summary: [NaN, 1] });
    expect(store.getSteps(id)).toEqual([
      { step: 0, epoch: 0, lr: 0.1, loss: NaN, gradNorm: Infinity },
      { step: 1, epoch: 0, lr: 0.1, loss: Infinity, gradNorm: NaN },
      { step: 2, epoch: 0, lr: 0.1, loss: -Infinity },
    ]);
    expect(store.getEpochs(id)).toEqual([{ epoch: 0, step: 3, lr: 0.1, trainLoss: NaN, val: { loss: Infinity, accuracy: NaN }, seconds: 0.5 }]);
    const run = store.getRun(id);
    expect(run.config).toEqual({ clip: { max_norm: Infinity } });
    expect(run.metrics).toEqual({ loss: NaN, worst: -Infinity });
    expect(run.summary).toEqual([NaN, 1]);
    expect(run.best).toEqual({ loss: Infinity });
  });

  it("lists runs newest first, filtered by status, kind and sweep, with a limit", () => {
    const a = store.createRun({ kind: "train", config });
    const b = store.createRun({ kind: "find", config });
    const c = store.createRun({ kind: "train", config });
    store.finishRun(a, { status: "completed" });
    store.finishRun(c, { status: "diverged" });
    expect(store.listRuns().map((r) => r.id)).toEqual([c, b, a]);
    expect(store.listRuns({ status: "completed" }).map((r) => r.id)).toEqual([a]);
    expect(store.listRuns({ kind: "train" }).map((r) => r.id)).toEqual([c, a]);
    expect(store.listRuns({ limit: 2 }).map((r) => r.id)).toEqual([c, b]);
    expect(() => store.listRuns({ status: "complete" as never })).toThrow(/status: unknown value "complete" \(did you mean "completed"\?\); valid: running, completed/);
  });

  it("rejects invalid kinds and statuses as ConfigErrors naming the valid values", () => {
    expect(() => store.createRun({ kind: "training" as never, config })).toThrow(ConfigError);
    expect(() => store.createRun({ kind: "training" as never, config })).toThrow(/kind: unknown value "training".*valid: train, find, sweep-trial/);
    const id = store.createRun({ kind: "train", config });
    expect(() => store.finishRun(id, { status: "running" as never })).toThrow(/valid: completed, failed, stopped, diverged/);
    expect(() => store.createRun({ kind: "sweep-trial", config })).toThrow(/needs the id of its sweep/);
  });

  it("resolves a unique id prefix and reports ambiguous prefixes", () => {
    const a = store.createRun({ kind: "train", config });
    const b = store.createRun({ kind: "train", config });
    const common = [...a].findIndex((ch, i) => ch !== b[i]);
    expect(store.getRun(b.slice(0, common + 1)).id).toBe(b);
    const shared = a.slice(0, common);
    expect(() => store.getRun(shared)).toThrow(StoreError);
    expect(() => store.getRun(shared)).toThrow(new RegExp(`prefix "${shared}" matches several runs .*${b}, ${a}`));
  });

  it("names an unknown run id, the closest id and the newest ids", () => {
    expect(() => store.getRun("nope")).toThrow(/no run "nope" in run store .*; the store has no runs/);
    const ids = Array.from({ length: 7 }, () => store.createRun({ kind: "train", config }));
    const typo = `${ids[3]!.slice(0, -1)}${ids[3]!.endsWith("x") ? "y" : "x"}`;
    const error = (() => {
      try {
        store.getRun(typo);
      } catch (e) {
        return e as StoreError;
      }
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect(error?.reason).toBe("unknown-id");
    expect(error?.message).toContain(`no run "${typo}" in run store ${store.path} (did you mean "${ids[3]}"?)`);
    expect(error?.message).toContain(`newest runs: ${ids.slice(2).reverse().join(", ")}`);
    expect(() => store.logSteps(typo, steps(0, 1))).toThrow(`no run "${typo}"`);
    expect(() => store.logEpoch(typo, { epoch: 0, step: 0, lr: 1, trainLoss: 1, val: {}, seconds: 0 })).toThrow(`no run "${typo}"`);
    expect(() => store.finishRun(typo, { status: "completed" })).toThrow(`no run "${typo}"`);
    expect(() => store.getSteps(typo)).toThrow(`no run "${typo}"`);
    expect(() => store.getEpochs(typo)).toThrow(`no run "${typo}"`);
  });
});

describe("sweeps", () => {
  it("records membership, trial keys, and which trial keys are completed", () => {
    const sweepId = store.createSweep({ name: "lr grid", config: { space: { lr: [0.01, 0.1, 1] } } });
    const trial = (lr: number) => store.createRun({ kind: "sweep-trial", config: { lr }, sweepId, trialKey: JSON.stringify({ lr }) });
    const t1 = trial(0.01);
    const t2 = trial(0.1);
    const t3 = trial(1);
    const retry = trial(1);
    store.createRun({ kind: "train", config });
    store.finishRun(t1, { status: "completed", metrics: { loss: 0.3 } });
    store.finishRun(t2, { status: "failed", error: "boom" });
    store.finishRun(t3, { status: "diverged" });
    store.finishRun(retry, { status: "completed", metrics: { loss: 0.2 } });

    expect(store.completedTrialKeys(sweepId)).toEqual(new Set(['{"lr":0.01}', '{"lr":1}']));
    expect(store.sweepTrials(sweepId).map((t) => [t.runId, t.trialKey, t.status])).toEqual([
      [t1, '{"lr":0.01}', "completed"],
      [t2, '{"lr":0.1}', "failed"],
      [t3, '{"lr":1}', "diverged"],
      [retry, '{"lr":1}', "completed"],
    ]);
    expect(store.sweepTrials(sweepId)[0]!.metrics).toEqual({ loss: 0.3 });
    expect(store.listRuns({ sweepId }).map((r) => r.id)).toEqual([retry, t3, t2, t1]);
    expect(store.getRun(t1)).toMatchObject({ sweepId, trialKey: '{"lr":0.01}' });

    expect(store.getSweep(sweepId)).toMatchObject({ id: sweepId, name: "lr grid", status: "running", config: { space: { lr: [0.01, 0.1, 1] } } });
    store.finishSweep(sweepId, { status: "completed", summary: { best: t1 } });
    expect(store.getSweep(sweepId)).toMatchObject({ status: "completed", summary: { best: t1 } });
    const other = store.createSweep({ config: {} });
    expect(store.listSweeps().map((s) => s.id)).toEqual([other, sweepId]);
    expect(store.listSweeps({ status: "running" }).map((s) => s.id)).toEqual([other]);
  });

  it("rejects trials of an unknown sweep", () => {
    expect(() => store.createRun({ kind: "sweep-trial", config, sweepId: "zzz" })).toThrow(/no sweep "zzz" in run store .*the store has no sweeps/);
    expect(() => store.completedTrialKeys("zzz")).toThrow(/no sweep "zzz"/);
    expect(store.listRuns()).toEqual([]);
  });
});

describe("export", () => {
  it("writes one CSV row per step with its run id, in creation order", () => {
    const a = store.createRun({ kind: "train", config });
    const b = store.createRun({ kind: "train", config });
    store.logSteps(b, [{ step: 0, epoch: 0, lr: 1e-7, loss: NaN }]);
    store.logSteps(a, [
      { step: 0, epoch: 0, lr: 0.1, loss: 2.5, gradNorm: 3 },
      { step: 1, epoch: 0, lr: 0.1, loss: Infinity, gradNorm: -0.5, elapsed: 0.25 },
    ]);
    const all = [...store.exportRuns(undefined, "csv")].join("");
    expect(all).toBe(`run_id,step,epoch,lr,loss,grad_norm,elapsed\n${a},0,0,0.1,2.5,3,\n${a},1,0,0.1,Infinity,-0.5,0.25\n${b},0,0,1e-7,NaN,,\n`);
    expect([...store.exportRuns([b], "csv")].join("")).toBe(`run_id,step,epoch,lr,loss,grad_norm,elapsed\n${b},0,0,1e-7,NaN,,\n`);
  });

  it("writes JSON with each run's record, epochs and steps; non-finite numbers as strings", () => {
    const id = store.createRun({ name: "r", kind: "train", config });
    store.logSteps(id, [{ step: 0, epoch: 0, lr: 0.1, loss: NaN, gradNorm: 1 }]);
    store.logEpoch(id, { epoch: 0, step: 1, lr: 0.1, trainLoss: 1, val: { loss: -Infinity }, seconds: 2 });
    store.finishRun(id, { status: "stopped" });
    const parsed = JSON.parse([...store.exportRuns([id], "json")].join(""));
    expect(parsed.format).toBe("lrkit-runs");
    expect(parsed.version).toBe(1);
    expect(parsed.runs).toHaveLength(1);
    expect(parsed.runs[0]).toMatchObject({
      id,
      name: "r",
      status: "stopped",
      config,
      steps: [{ step: 0, epoch: 0, lr: 0.1, loss: "NaN", gradNorm: 1 }],
      epochs: [{ epoch: 0, step: 1, lr: 0.1, trainLoss: 1, val: { loss: "-Infinity" }, seconds: 2 }],
    });
    expect(JSON.parse([...store.exportRuns([], "json")].join("")).runs).toEqual([]);
    expect(() => store.exportRuns([id], "xml" as never)).toThrow(/format: unknown value "xml"; valid: csv, json/);
    expect(() => store.exportRuns(["missing"], "json")).toThrow(/no run "missing"/);
  });
});

describe("speed", () => {
  it("logs a batch of 100 steps well under two milliseconds", () => {
    const id = store.createRun({ kind: "train", config });
    const batches = 200;
    const times: number[] = [];
    for (let b = 0; b < batches; b++) {
      const rows = steps(b * 100, 100);
      const start = performance.now();
      store.logSteps(id, rows);
      times.push(performance.now() - start);
    }
    times.sort((x, y) => x - y);
    const median = times[batches / 2]!;
    const total = times.reduce((s, t) => s + t, 0);
    console.log(`run store: 100-step batch median ${(median * 1000).toFixed(0)} µs, ${Math.round((batches * 100) / (total / 1000))} step rows/s`);
    expect(store.getRun(id).stepCount).toBe(batches * 100);
    expect(median).toBeLessThan(2);
  });
});
