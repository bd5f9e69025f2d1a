import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { StepRow } from "../log/index.js";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, StoreError } from "./index.js";

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-store-"));
  path = join(dir, "runs.db");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function rows(from: number, count: number): StepRow[] {
  return Array.from({ length: count }, (_, i) => ({ step: from + i, epoch: 0, lr: 0.1, loss: from + i }));
}

function failure(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error("expected a StoreError");
}

describe("several writers", () => {
  it("interleaves writes from two connections without losing any", () => {
    const a = openStore(path);
    const b = openStore(path);
    try {
      const runA = a.createRun({ kind: "train", config: { who: "a" } });
      const runB = b.createRun({ kind: "train", config: { who: "b" } });
      for (let i = 0; i < 20; i++) {
        a.logSteps(runA, rows(i * 10, 10));
        b.logSteps(runB, rows(i * 10, 10));
        b.logSteps(runA, rows(1000 + i, 1));
        a.logEpoch(runB, { epoch: i, step: i * 10, lr: 0.1, trainLoss: i, val: {}, seconds: 1 });
      }
      a.finishRun(runB, { status: "completed" });
      b.finishRun(runA, { status: "stopped" });
      for (const store of [a, b]) {
        expect(store.getRun(runA)).toMatchObject({ status: "stopped", stepCount: 220, epochCount: 0 });
        expect(store.getRun(runB)).toMatchObject({ status: "completed", stepCount: 200, epochCount: 20 });
      }
      expect(b.getSteps(runA, { sinceStep: 1018 }).map((s) => s.step)).toEqual([1019]);
    } finally {
      a.close();
      b.close();
    }
  });

  it("waits for another thread's write transaction within the busy timeout", async () => {
    const store = openStore(path, { busyTimeoutMs: 5000 });
    try {
      const runId = store.createRun({ kind: "train", config: {} });
      const shared = new SharedArrayBuffer(8);
      const flags = new Int32Array(shared);
      const holdMs = 300;
      const worker = new Worker(
        `const { workerData } = require("node:worker_threads");
         const Database = require(workerData.sqlite);
         const db = new Database(workerData.path);
         const flags = new Int32Array(workerData.shared);
         db.exec("BEGIN IMMEDIATE");
         db.prepare("UPDATE runs SET name = 'worker' WHERE id = ?").run(workerData.runId);
         Atomics.store(flags, 0, 1);
         Atomics.notify(flags, 0);
         Atomics.wait(flags, 1, 0, workerData.holdMs);
         db.exec("COMMIT");
         db.close();`,
        { eval: true, workerData: { sqlite: createRequire(import.meta.url).resolve("better-sqlite3"), path, shared, runId, holdMs } },
      );
      const exited = new Promise((resolve, reject) => {
        worker.once("exit", resolve);
        worker.once("error", reject);
      });
      Atomics.wait(flags, 0, 0, 10_000);
      expect(Atomics.load(flags, 0)).toBe(1);
      const start = performance.now();
      store.logSteps(runId, rows(0, 100));
      expect(performance.now() - start).toBeGreaterThan(holdMs / 2);
      await exited;
      expect(store.getRun(runId)).toMatchObject({ name: "worker", stepCount: 100 });
    } finally {
      store.close();
    }
  });

  it("reports a store locked beyond the busy timeout, naming the blocked operation", () => {
    const store = openStore(path, { busyTimeoutMs: 30 });
    const holder = new Database(path);
    try {
      const runId = store.createRun({ kind: "train", config: {} });
      holder.exec("BEGIN IMMEDIATE");
      const error = failure(() => store.logSteps(runId, rows(0, 3)));
      expect(error.reason).toBe("locked");
      expect(error.message).toBe(
        `run store ${path} is locked: another connection has held its write lock for more than 30 ms, so logging 3 steps of run ${runId} could not proceed; wait for that writer to finish or open the store with a longer busyTimeoutMs`,
      );
      expect(failure(() => openStore(path, { busyTimeoutMs: 10 })).message).toMatch(/is locked: .* so opening it could not proceed/);
      expect(store.getRun(runId).stepCount).toBe(0);
      holder.exec("COMMIT");
      store.logSteps(runId, rows(0, 3));
      expect(store.getRun(runId).stepCount).toBe(3);
    } finally {
      holder.close();
      store.close();
    }
  });
});

describe("opening", () => {
  it("creates the store with its meta table in WAL mode and reopens it", () => {
    openStore(path).close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT key, value FROM meta WHERE key != 'created_at' ORDER BY key").all()).toEqual([
      { key: "format", value: "lrkit-store" },
      { key: "schema_version", value: "1" },
    ]);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    const store = openStore(path);
    const id = store.createRun({ kind: "train", config: {} });
    store.close();
    const again = openStore(path, { readonly: true });
    expect(again.getRun(id).kind).toBe("train");
    again.close();
  });

  it("turns an empty file into a store", () => {
    writeFileSync(path, "");
    const store = openStore(path);
    expect(store.listRuns()).toEqual([]);
    store.close();
  });

  it("refuses a text file, naming the path and what it starts with", () => {
    writeFileSync(path, "epoch,loss\n0,1.5\n");
    const error = failure(() => openStore(path));
    expect(error.reason).toBe("not-sqlite");
    expect(error.message).toBe(`${path} is not an lrkit run store: it is not an SQLite database but a 17-byte text file starting "epoch,loss\\n0,1.5\\n"`);
  });

  it("refuses a binary file, naming its first bytes", () => {
    writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0xd]));
    expect(failure(() => openStore(path)).message).toBe(
      `${path} is not an lrkit run store: it is not an SQLite database but a 12-byte binary file starting with bytes 89 50 4e 47 0d 0a 1a 0a`,
    );
  });

  it("refuses another application's SQLite database, listing its tables", () => {
    const other = new Database(path);
    other.exec("CREATE TABLE users (id INTEGER); CREATE TABLE orders (id INTEGER)");
    other.close();
    const error = failure(() => openStore(path));
    expect(error.reason).toBe("not-lrkit");
    expect(error.message).toBe(`${path} is not an lrkit run store: it is an SQLite database with tables orders, users and no meta table`);
    expect(failure(() => openStore(path, { readonly: true })).reason).toBe("not-lrkit");
    const raw = new Database(path);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_schema").get()).toEqual({ n: 2 });
    raw.close();
  });

  it("refuses a meta table of another format and a newer schema version", () => {
    const other = new Database(path);
    other.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('format', 'mlflow')");
    other.close();
    expect(failure(() => openStore(path)).message).toBe(`${path} is not an lrkit run store: its meta table has format "mlflow" (expected "lrkit-store")`);

    const newer = join(dir, "newer.db");
    openStore(newer).close();
    const raw = new Database(newer);
    raw.exec("UPDATE meta SET value = '7' WHERE key = 'schema_version'");
    raw.close();
    const error = failure(() => openStore(newer));
    expect(error.reason).toBe("unsupported-schema");
    expect(error.message).toMatch(/has run store schema_version 7, which this lrkit cannot read \(it reads version 1\)/);
  });

  it("opens read-only only an existing store", () => {
    const error = failure(() => openStore(path, { readonly: true }));
    expect(error.reason).toBe("missing");
    expect(error.message).toBe(`no run store at ${path} (the file does not exist)`);
  });
});
