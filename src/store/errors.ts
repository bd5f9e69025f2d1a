import Database from "better-sqlite3";

const { SqliteError } = Database;

/**
 * A run store that cannot be used as asked. `reason` says why, `path` names the store file, and the
 * message says what was found there and what to do:
 *
 * - `missing`: no file at the path (read-only opens never create one);
 * - `not-sqlite`: the file is not an SQLite database;
 * - `not-lrkit`: an SQLite database without lrkit's `meta` table, or with another `format`;
 * - `unsupported-schema`: a `schema_version` this lrkit cannot read (written by a newer one);
 * - `locked`: another connection held the write lock for longer than the busy timeout;
 * - `read-only`: a write on a store opened with `readonly: true`;
 * - `unknown-id`: no run or sweep with that id (the message lists the closest and the newest ids);
 * - `ambiguous-id`: an id prefix that matches several runs or sweeps (the message lists them).
 */
export class StoreError extends Error {
  override name = "StoreError";
  constructor(
    message: string,
    readonly reason: StoreErrorReason,
    readonly path: string,
  ) {
    super(message);
  }
}

export type StoreErrorReason = "missing" | "not-sqlite" | "not-lrkit" | "unsupported-schema" | "locked" | "read-only" | "unknown-id" | "ambiguous-id";

/**
 * Runs `fn`, turning SQLite's "busy"/"locked" and "read-only" failures into a StoreError that names
 * the store and the `operation` that could not proceed (e.g. "logging 100 steps of run m5x…").
 * In WAL mode readers never block a writer, so a busy store means another writer (a training run,
 * a sweep worker) kept its write transaction open for longer than the busy timeout.
 */
export function withStoreErrors<T>(path: string, busyTimeoutMs: number, operation: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const code = error instanceof SqliteError ? error.code : "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      throw new StoreError(
        `run store ${path} is locked: another connection has held its write lock for more than ${busyTimeoutMs} ms, so ${operation} could not proceed; wait for that writer to finish or open the store with a longer busyTimeoutMs`,
        "locked",
        path,
      );
    }
    if (code.startsWith("SQLITE_READONLY")) {
      throw new StoreError(`run store ${path} is opened read-only, so ${operation} is not possible`, "read-only", path);
    }
    throw error;
  }
}
