/**
 * Opening a run store file: checking that it is one, creating the schema on first open, and the
 * connection settings that let several processes write to it at once.
 *
 * Settings: WAL journal (readers never block the writer and vice versa), `synchronous = NORMAL`
 * (in WAL mode a commit cannot corrupt the file; a power cut may lose the last commits), foreign
 * keys on, and a busy timeout during which a writer waits for another writer's transaction.
 * Writes begin with `BEGIN IMMEDIATE`, so two writers queue for the lock instead of deadlocking.
 */
import { existsSync, mkdirSync, openSync, readSync, closeSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StoreError, withStoreErrors } from "./errors.js";

export const STORE_FORMAT = "lrkit-store";
export const SCHEMA_VERSION = 1;

const SQLITE_HEADER = "SQLite format 3\0";

const schema = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sweeps (
  id TEXT PRIMARY KEY,
  name TEXT,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'stopped')),
  config TEXT NOT NULL,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  summary TEXT
);
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  name TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('train', 'find', 'sweep-trial')),
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'stopped', 'diverged')),
  config TEXT NOT NULL,
  sweep_id TEXT REFERENCES sweeps (id),
  trial_key TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT,
  metrics TEXT,
  error TEXT,
  summary TEXT
);
CREATE INDEX runs_by_sweep ON runs (sweep_id, trial_key);
CREATE TABLE steps (
  run_id TEXT NOT NULL REFERENCES runs (id),
  step INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  lr REAL,
  loss REAL,
  grad_norm REAL,
  PRIMARY KEY (run_id, step)
) WITHOUT ROWID;
CREATE TABLE epochs (
  run_id TEXT NOT NULL REFERENCES runs (id),
  epoch INTEGER NOT NULL,
  step INTEGER NOT NULL,
  lr REAL,
  train_loss REAL,
  val TEXT NOT NULL,
  seconds REAL,
  PRIMARY KEY (run_id, epoch)
) WITHOUT ROWID;
`;

/**
 * Tables added after schema version 1, created if missing on every writable open, so a store an
 * older lrkit wrote gains them without a version change (and that lrkit can still read it). A
 * read-only open of such a store sees them missing; readers then find no rows.
 */
const additions = `
CREATE TABLE IF NOT EXISTS sharpness (
  run_id TEXT NOT NULL REFERENCES runs (id),
  step INTEGER NOT NULL,
  sharpness REAL,
  threshold REAL,
  preconditioned REAL,
  preconditioned_threshold REAL,
  PRIMARY KEY (run_id, step)
) WITHOUT ROWID;
`;

/**
 * Columns added to a table after it first shipped, added where an older store lacks them (NULL in
 * its old rows): the preconditioned sharpness, a run's planned step count (progress and ETA) and
 * each step's wall time since its training began.
 */
const addedColumns: readonly { table: string; column: string; type: string }[] = [
  { table: "sharpness", column: "preconditioned", type: "REAL" },
  { table: "sharpness", column: "preconditioned_threshold", type: "REAL" },
  { table: "runs", column: "planned_steps", type: "INTEGER" },
  { table: "steps", column: "elapsed", type: "REAL" },
];

function addColumns(db: Database.Database): void {
  for (const { table, column, type } of addedColumns) {
    const columns = db.pragma(`table_info(${table})`) as { name: string }[];
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}

export interface OpenOptions {
  /** Open without writing: the file must exist and be a run store; nothing is created. */
  readonly?: boolean;
  /** How long a write waits for another writer's transaction before failing as `locked`; 10 s by default. */
  busyTimeoutMs?: number;
}

/** An open, checked connection to the run store at `path` (created with its folder when missing, unless read-only). */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const readonly = options.readonly ?? false;
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  if (!existsSync(path)) {
    if (readonly) throw new StoreError(`no run store at ${path} (the file does not exist)`, "missing", path);
    mkdirSync(dirname(path), { recursive: true });
  } else {
    const found = notSqlite(path);
    if (found) throw new StoreError(`${path} is not an lrkit run store: it is not an SQLite database but ${found}`, "not-sqlite", path);
  }
  const db = new Database(path, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  try {
    withStoreErrors(path, busyTimeoutMs, "opening it", () => {
      if (!readonly) {
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = NORMAL");
        db.pragma("foreign_keys = ON");
        db.transaction(() => {
          checkOrCreate(db, path, true);
          db.exec(additions);
          addColumns(db);
        }).immediate();
      } else {
        checkOrCreate(db, path, false);
      }
    });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Verifies the `meta` table of an lrkit store; on an empty database creates the schema when `create`. */
function checkOrCreate(db: Database.Database, path: string, create: boolean): void {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  if (tables.length === 0) {
    if (!create) throw new StoreError(`${path} is not an lrkit run store: it is an empty SQLite database`, "not-lrkit", path);
    db.exec(schema);
    const now = new Date().toISOString();
    const insert = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    insert.run("format", STORE_FORMAT);
    insert.run("schema_version", String(SCHEMA_VERSION));
    insert.run("created_at", now);
    return;
  }
  if (!tables.includes("meta")) {
    throw new StoreError(`${path} is not an lrkit run store: it is an SQLite database with tables ${tables.join(", ")} and no meta table`, "not-lrkit", path);
  }
  const meta = new Map((db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  const format = meta.get("format");
  if (format !== STORE_FORMAT) {
    const what = format === undefined ? "has no format entry" : `has format "${format}"`;
    throw new StoreError(`${path} is not an lrkit run store: its meta table ${what} (expected "${STORE_FORMAT}")`, "not-lrkit", path);
  }
  const version = Number(meta.get("schema_version"));
  if (version !== SCHEMA_VERSION) {
    throw new StoreError(
      `${path} has run store schema_version ${meta.get("schema_version")}, which this lrkit cannot read (it reads version ${SCHEMA_VERSION}); use the lrkit that wrote it`,
      "unsupported-schema",
      path,
    );
  }
}

/** A description of what the file is when it is not SQLite (an empty file counts as a new database), else undefined. */
function notSqlite(path: string): string | undefined {
  const size = statSync(path).size;
  if (size === 0) return undefined;
  const head = Buffer.alloc(Math.min(size, 64));
  const fd = openSync(path, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1", 0, SQLITE_HEADER.length) === SQLITE_HEADER) return undefined;
  const text = head.toString("utf8");
  const printable = !head.includes(0) && !text.includes("\uFFFD");
  if (printable) return `a ${size}-byte text file starting ${JSON.stringify(text.slice(0, 40))}`;
  return `a ${size}-byte binary file starting with bytes ${head.subarray(0, 8).toString("hex").replace(/(..)/g, "$1 ").trim()}`;
}
