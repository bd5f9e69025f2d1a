import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "./index.js";

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-store-"));
  path = join(dir, "runs.db");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rows = [
  { step: 0, sharpness: 3.5, threshold: 40 },
  { step: 5, sharpness: 41, threshold: 40 },
];

/** A store as an lrkit before the sharpness table wrote it: one run, no sharpness table. */
function oldStore(): string {
  const store = openStore(path);
  const id = store.createRun({ kind: "train", config: {} });
  store.close();
  const db = new Database(path);
  db.exec("DROP TABLE sharpness");
  db.close();
  return id;
}

describe("sharpness rows in the run store", () => {
  it("round-trips rows in step order, a later row for the same step replacing the earlier", () => {
    const store = openStore(path);
    const id = store.createRun({ kind: "train", config: {} });
    store.logSharpness(id, [rows[1]!]);
    store.logSharpness(id, [{ ...rows[0]!, sharpness: 1 }]);
    store.logSharpness(id, [rows[0]!]);
    expect(store.getSharpness(id)).toEqual(rows);
    expect(store.getSharpness(store.createRun({ kind: "train", config: {} }))).toEqual([]);
    expect(() => store.getSharpness("nope")).toThrow(/no run "nope"/);
    store.close();
  });

  it("reads a store written before the table (read-only: no rows) and adds the table on a writable open", () => {
    const id = oldStore();
    const readonly = openStore(path, { readonly: true });
    expect(readonly.getSharpness(id)).toEqual([]);
    readonly.close();
    const store = openStore(path);
    store.logSharpness(id, rows);
    expect(store.getSharpness(id)).toEqual(rows);
    store.close();
  });

  it("keeps the preconditioned λ_max beside the plain one, and opens a store whose table predates those columns", () => {
    const id = oldStore();
    const db = new Database(path);
    db.exec("CREATE TABLE sharpness (run_id TEXT NOT NULL REFERENCES runs (id), step INTEGER NOT NULL, sharpness REAL, threshold REAL, PRIMARY KEY (run_id, step)) WITHOUT ROWID");
    db.prepare("INSERT INTO sharpness VALUES (?, 0, 3.5, 40)").run(id);
    db.close();
    const readonly = openStore(path, { readonly: true });
    expect(readonly.getSharpness(id)).toEqual([rows[0]]);
    readonly.close();
    const store = openStore(path);
    const preconditioned = { step: 5, sharpness: 41, threshold: 40, preconditioned: 300, preconditionedThreshold: 380 };
    store.logSharpness(id, [preconditioned]);
    expect(store.getSharpness(id)).toEqual([rows[0], preconditioned]);
    store.close();
  });

  it("exports the rows with the run as JSON, and no sharpness key for a run without them", () => {
    const store = openStore(path);
    const id = store.createRun({ kind: "train", config: {} });
    const other = store.createRun({ kind: "train", config: {} });
    store.logSharpness(id, rows);
    const runs = (JSON.parse([...store.exportRuns([id, other], "json")].join("")) as { runs: { sharpness?: unknown }[] }).runs;
    expect(runs.map((r) => r.sharpness)).toEqual([rows, undefined]);
    store.close();
  });
});
