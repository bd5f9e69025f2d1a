/**
 * The run store: every run's config, status, per-step η/loss/gradient norm, per-epoch metrics, and
 * the sweeps runs belong to, in one SQLite file that several processes and worker threads can
 * write to at once (see `schema.ts` for the connection settings).
 *
 * Sharpness probes (λ_max beside 2/η, when the run config asks for them) have their own rows.
 *
 * Logging is idempotent per step and per epoch (a run resumed from a checkpoint may log the same
 * step again; the later row wins). Each `logSteps` call is one transaction, so a trainer should
 * batch its rows (e.g. every 50–100 steps): a batch of 100 rows costs a fraction of a millisecond.
 */
import type { EpochRow, SharpnessRow, StepRow } from "../log/index.js";
import { resolve } from "node:path";
import type Database from "better-sqlite3";
import { ConfigError } from "../errors.js";
import { closestName } from "../spec/index.js";
import { bestValues } from "./best.js";
import { StoreError, withStoreErrors } from "./errors.js";
import { exportRuns } from "./export.js";
import { newId } from "./ids.js";
import { openDatabase, type OpenOptions } from "./schema.js";
import { runKinds, runStatuses, sweepStatuses, type ExportFormat, type ExportRows, type NewRun, type NewSweep, type RunEnd, type RunFilter, type RunRecord, type RunSummary, type SweepEnd, type SweepRecord, type SweepStatus, type TrialRecord } from "./types.js";
import { fromColumn, fromJson, toColumn, toJson } from "./values.js";

interface RunRow {
  id: string;
  name: string | null;
  kind: RunRecord["kind"];
  status: RunRecord["status"];
  config: string;
  sweep_id: string | null;
  trial_key: string | null;
  tags: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  metrics: string | null;
  error: string | null;
  summary: string | null;
  /** Absent in a store that predates it, opened read-only. */
  planned_steps?: number | null;
}

interface SweepRow {
  id: string;
  name: string | null;
  status: SweepStatus;
  config: string;
  created_at: string;
  finished_at: string | null;
  summary: string | null;
}

interface StepSqlRow {
  step: number;
  epoch: number;
  lr: number | string | null;
  loss: number | string | null;
  grad_norm: number | string | null;
  elapsed?: number | string | null;
}

interface EpochColumns {
  epoch: number;
  step: number;
  lr: number | string | null;
  train_loss: number | string | null;
  val: string;
  seconds: number | string | null;
}

type Entity = "run" | "sweep";

/** Opens (creating on first use, unless read-only) the run store at `path`. */
export function openStore(path: string, options: OpenOptions = {}): RunStore {
  const absolute = resolve(path);
  return new RunStore(absolute, openDatabase(absolute, options), options.busyTimeoutMs ?? 10_000);
}

export class RunStore {
  private readonly statements = new Map<string, Database.Statement>();

  /** Use `openStore`. */
  constructor(
    readonly path: string,
    private readonly db: Database.Database,
    private readonly busyTimeoutMs: number,
  ) {}

  createRun(run: NewRun): string {
    oneOf(run.kind, runKinds, "kind");
    if (run.kind === "sweep-trial" && run.sweepId === undefined) {
      throw new ConfigError(`run.sweepId: a "sweep-trial" run needs the id of its sweep; got none`, "run", "sweepId", undefined);
    }
    if (run.trialKey !== undefined && run.sweepId === undefined) {
      throw new ConfigError(`run.trialKey: a trial key ("${run.trialKey}") needs a sweepId; got none`, "run", "trialKey", run.trialKey);
    }
    const id = run.id ?? newId();
    const now = new Date().toISOString();
    this.write(`creating a ${run.kind} run`, () => {
      if (run.sweepId !== undefined) this.requireExact("sweep", run.sweepId);
      this.sql(
        `INSERT INTO runs (id, name, kind, config, sweep_id, trial_key, tags, created_at, updated_at, planned_steps)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, run.name ?? null, run.kind, toJson(run.config ?? null), run.sweepId ?? null, run.trialKey ?? null, toJson(run.tags ?? []), now, now, run.plannedSteps ?? null);
    });
    return id;
  }

  /** Appends (or replaces, by step number) step rows in one transaction. */
  logSteps(runId: string, rows: readonly StepRow[]): void {
    if (rows.length === 0) return;
    this.write(`logging ${rows.length} steps of run ${runId}`, () => {
      this.touch(runId);
      const insert = this.sql("INSERT OR REPLACE INTO steps (run_id, step, epoch, lr, loss, grad_norm, elapsed) VALUES (?, ?, ?, ?, ?, ?, ?)");
      for (const r of rows) insert.run(runId, r.step, r.epoch, toColumn(r.lr), toColumn(r.loss), toColumn(r.gradNorm), toColumn(r.elapsed));
    });
  }

  /** Records (or replaces, by epoch number) one epoch's summary. */
  logEpoch(runId: string, row: EpochRow): void {
    this.write(`logging epoch ${row.epoch} of run ${runId}`, () => {
      this.touch(runId);
      this.sql("INSERT OR REPLACE INTO epochs (run_id, epoch, step, lr, train_loss, val, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
        runId,
        row.epoch,
        row.step,
        toColumn(row.lr),
        toColumn(row.trainLoss),
        toJson(row.val),
        toColumn(row.seconds),
      );
    });
  }

  /** Appends (or replaces, by step number) sharpness probe rows in one transaction. */
  logSharpness(runId: string, rows: readonly SharpnessRow[]): void {
    if (rows.length === 0) return;
    this.write(`logging ${rows.length} sharpness rows of run ${runId}`, () => {
      this.touch(runId);
      const insert = this.sql("INSERT OR REPLACE INTO sharpness (run_id, step, sharpness, threshold, preconditioned, preconditioned_threshold) VALUES (?, ?, ?, ?, ?, ?)");
      for (const r of rows) insert.run(runId, r.step, toColumn(r.sharpness), toColumn(r.threshold), toColumn(r.preconditioned), toColumn(r.preconditionedThreshold));
    });
  }

  finishRun(runId: string, end: RunEnd): void {
    oneOf(end.status, runStatuses.filter((s) => s !== "running"), "status");
    const now = new Date().toISOString();
    this.write(`finishing run ${runId}`, () => {
      const { changes } = this.sql(
        "UPDATE runs SET status = ?, finished_at = ?, updated_at = ?, metrics = ?, error = ?, summary = ? WHERE id = ?",
      ).run(end.status, now, now, optionalJson(end.metrics), end.error ?? null, optionalJson(end.summary), runId);
      if (changes === 0) throw this.unknownId("run", runId);
    });
  }

  /** The status of the run with exactly this id; `undefined` when there is none. */
  runStatus(runId: string): RunRecord["status"] | undefined {
    return (this.sql("SELECT status FROM runs WHERE id = ?").get(runId) as Pick<RunRow, "status"> | undefined)?.status;
  }

  /** The run with this id, or with the only id that starts with `idOrPrefix`. */
  getRun(idOrPrefix: string): RunSummary {
    return this.summarize(this.runRow(idOrPrefix));
  }

  /** Runs newest first, each with the size of its logs and its best validation values. */
  listRuns(filter: RunFilter = {}): RunSummary[] {
    if (filter.status !== undefined) oneOf(filter.status, runStatuses, "status");
    if (filter.kind !== undefined) oneOf(filter.kind, runKinds, "kind");
    const rows = this.sql(
      `SELECT * FROM runs
       WHERE (@status IS NULL OR status = @status) AND (@kind IS NULL OR kind = @kind) AND (@sweep IS NULL OR sweep_id = @sweep)
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ).all({ status: filter.status ?? null, kind: filter.kind ?? null, sweep: filter.sweepId ?? null, limit: filter.limit ?? -1 }) as RunRow[];
    return rows.map((row) => this.summarize(row));
  }

  /** Step rows in step order; with `sinceStep`, only those after it (for live charts). */
  getSteps(runId: string, options: { sinceStep?: number; limit?: number } = {}): StepRow[] {
    // SELECT *: a store opened read-only may predate the elapsed column.
    const rows = this.sql("SELECT * FROM steps WHERE run_id = ? AND step > ? ORDER BY step LIMIT ?").all(
      runId,
      options.sinceStep ?? Number.MIN_SAFE_INTEGER,
      options.limit ?? -1,
    ) as StepSqlRow[];
    if (rows.length === 0) this.requireExact("run", runId);
    return rows.map((r) => {
      const gradNorm = fromColumn(r.grad_norm);
      const elapsed = fromColumn(r.elapsed);
      return { step: r.step, epoch: r.epoch, lr: number(r.lr), loss: number(r.loss), ...(gradNorm === undefined ? {} : { gradNorm }), ...(elapsed === undefined ? {} : { elapsed }) };
    });
  }

  /** The run's sharpness rows in step order; none for a run without them or a store that predates them (opened read-only). */
  getSharpness(runId: string): SharpnessRow[] {
    this.requireExact("run", runId);
    if (!this.sql("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sharpness'").get()) return [];
    // SELECT *: a store opened read-only may predate the preconditioned columns.
    const rows = this.sql("SELECT * FROM sharpness WHERE run_id = ? ORDER BY step").all(runId) as {
      step: number;
      sharpness: number | string | null;
      threshold: number | string | null;
      preconditioned?: number | string | null;
      preconditioned_threshold?: number | string | null;
    }[];
    return rows.map((r) => {
      const preconditioned = fromColumn(r.preconditioned);
      const preconditionedThreshold = fromColumn(r.preconditioned_threshold);
      return {
        step: r.step,
        sharpness: number(r.sharpness),
        threshold: number(r.threshold),
        ...(preconditioned !== undefined && { preconditioned }),
        ...(preconditionedThreshold !== undefined && { preconditionedThreshold }),
      };
    });
  }

  getEpochs(runId: string): EpochRow[] {
    const rows = this.epochRows(runId);
    if (rows.length === 0) this.requireExact("run", runId);
    return rows;
  }

  createSweep(sweep: NewSweep): string {
    const id = newId();
    this.write("creating a sweep", () => {
      this.sql("INSERT INTO sweeps (id, name, config, created_at) VALUES (?, ?, ?, ?)").run(id, sweep.name ?? null, toJson(sweep.config ?? null), new Date().toISOString());
    });
    return id;
  }

  finishSweep(sweepId: string, end: SweepEnd): void {
    oneOf(end.status, sweepStatuses.filter((s) => s !== "running"), "status");
    this.write(`finishing sweep ${sweepId}`, () => {
      const { changes } = this.sql("UPDATE sweeps SET status = ?, finished_at = ?, summary = ? WHERE id = ?").run(
        end.status,
        new Date().toISOString(),
        optionalJson(end.summary),
        sweepId,
      );
      if (changes === 0) throw this.unknownId("sweep", sweepId);
    });
  }

  /** The sweep with this id, or with the only id that starts with `idOrPrefix`. */
  getSweep(idOrPrefix: string): SweepRecord {
    const id = this.resolveId("sweep", idOrPrefix);
    return toSweepRecord(this.sql("SELECT * FROM sweeps WHERE id = ?").get(id) as SweepRow);
  }

  /** Sweeps newest first. */
  listSweeps(filter: { status?: SweepStatus; limit?: number } = {}): SweepRecord[] {
    if (filter.status !== undefined) oneOf(filter.status, sweepStatuses, "status");
    const rows = this.sql("SELECT * FROM sweeps WHERE (@status IS NULL OR status = @status) ORDER BY created_at DESC, id DESC LIMIT @limit").all({
      status: filter.status ?? null,
      limit: filter.limit ?? -1,
    }) as SweepRow[];
    return rows.map(toSweepRecord);
  }

  /** The sweep's trial runs in creation order (a trial key run twice, e.g. after a failure, appears twice). */
  sweepTrials(sweepId: string): TrialRecord[] {
    this.requireExact("sweep", sweepId);
    const rows = this.sql("SELECT id, trial_key, status, metrics, created_at FROM runs WHERE sweep_id = ? ORDER BY created_at, id").all(sweepId) as Pick<
      RunRow,
      "id" | "trial_key" | "status" | "metrics" | "created_at"
    >[];
    return rows.map((r) => ({
      runId: r.id,
      ...(r.trial_key === null ? {} : { trialKey: r.trial_key }),
      status: r.status,
      ...(r.metrics === null ? {} : { metrics: fromJson(r.metrics) as Record<string, unknown> }),
      createdAt: r.created_at,
    }));
  }

  /** The trial keys of the sweep that have a completed run: what a resumed sweep skips. */
  completedTrialKeys(sweepId: string): Set<string> {
    this.requireExact("sweep", sweepId);
    const rows = this.sql("SELECT DISTINCT trial_key FROM runs WHERE sweep_id = ? AND status = 'completed' AND trial_key IS NOT NULL").all(sweepId) as {
      trial_key: string;
    }[];
    return new Set(rows.map((r) => r.trial_key));
  }

  /** The runs (all when `ids` is omitted) as CSV or JSON text, in chunks (see `export.ts`) read while iterating: consume them before `close`. */
  exportRuns(ids: readonly string[] | undefined, format: ExportFormat, rows: ExportRows = "steps"): Generator<string> {
    oneOf(format, ["csv", "json"], "format");
    oneOf(rows, ["steps", "sharpness"], "rows");
    const runs = ids === undefined ? (this.sql("SELECT * FROM runs ORDER BY created_at, id").all() as RunRow[]) : ids.map((id) => this.runRow(id));
    return exportRuns(runs.map(toRunRecord), format, (id) => this.getSteps(id), (id) => this.epochRows(id), (id) => this.getSharpness(id), rows);
  }

  close(): void {
    this.db.close();
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private write(operation: string, fn: () => void): void {
    withStoreErrors(this.path, this.busyTimeoutMs, operation, () => this.db.transaction(fn).immediate());
  }

  private touch(runId: string): void {
    const { changes } = this.sql("UPDATE runs SET updated_at = ? WHERE id = ?").run(new Date().toISOString(), runId);
    if (changes === 0) throw this.unknownId("run", runId);
  }

  private runRow(idOrPrefix: string): RunRow {
    return this.sql("SELECT * FROM runs WHERE id = ?").get(this.resolveId("run", idOrPrefix)) as RunRow;
  }

  private summarize(row: RunRow): RunSummary {
    const { n, last } = this.sql("SELECT count(*) AS n, max(step) AS last FROM steps WHERE run_id = ?").get(row.id) as { n: number; last: number | null };
    const epochs = this.epochRows(row.id);
    return { ...toRunRecord(row), stepCount: n, ...(last === null ? {} : { lastStep: last }), epochCount: epochs.length, best: bestValues(epochs) };
  }

  private epochRows(runId: string): EpochRow[] {
    const rows = this.sql("SELECT epoch, step, lr, train_loss, val, seconds FROM epochs WHERE run_id = ? ORDER BY epoch").all(runId) as EpochColumns[];
    return rows.map((r) => ({
      epoch: r.epoch,
      step: r.step,
      lr: number(r.lr),
      trainLoss: number(r.train_loss),
      val: fromJson(r.val) as Record<string, number>,
      seconds: number(r.seconds),
    }));
  }

  private requireExact(entity: Entity, id: string): void {
    if (!this.sql(`SELECT 1 FROM ${entity}s WHERE id = ?`).get(id)) throw this.unknownId(entity, id);
  }

  private resolveId(entity: Entity, idOrPrefix: string): string {
    const table = `${entity}s`;
    if (this.sql(`SELECT 1 FROM ${table} WHERE id = ?`).get(idOrPrefix)) return idOrPrefix;
    const matches = (this.sql(`SELECT id FROM ${table} WHERE substr(id, 1, ?) = ? ORDER BY id DESC LIMIT 6`).all(idOrPrefix.length, idOrPrefix) as { id: string }[]).map(
      (r) => r.id,
    );
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      const listed = matches.length > 5 ? `${matches.slice(0, 5).join(", ")}, …` : matches.join(", ");
      throw new StoreError(`${entity} id prefix "${idOrPrefix}" matches several ${entity}s in ${this.path} (${listed}); give more of the id`, "ambiguous-id", this.path);
    }
    throw this.unknownId(entity, idOrPrefix);
  }

  private unknownId(entity: Entity, id: string): StoreError {
    const ids = (this.sql(`SELECT id FROM ${entity}s ORDER BY created_at DESC, id DESC`).all() as { id: string }[]).map((r) => r.id);
    const guess = closestName(id, ids);
    const hint = guess ? ` (did you mean "${guess}"?)` : "";
    const known = ids.length === 0 ? `the store has no ${entity}s` : `newest ${entity}s: ${ids.slice(0, 5).join(", ")}`;
    return new StoreError(`no ${entity} "${id}" in run store ${this.path}${hint}; ${known}`, "unknown-id", this.path);
  }
}

function oneOf(value: string, valid: readonly string[], key: string): void {
  if (!valid.includes(value)) {
    const guess = closestName(String(value), valid);
    const hint = guess ? ` (did you mean "${guess}"?)` : "";
    throw new ConfigError(`run store ${key}: unknown value ${JSON.stringify(value)}${hint}; valid: ${valid.join(", ")}`, "run store", key, value);
  }
}

function number(value: number | string | null): number {
  return fromColumn(value) as number;
}

function optionalJson(value: unknown): string | null {
  return value === undefined ? null : toJson(value);
}

function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    ...(row.name === null ? {} : { name: row.name }),
    kind: row.kind,
    status: row.status,
    config: fromJson(row.config),
    ...(row.sweep_id === null ? {} : { sweepId: row.sweep_id }),
    ...(row.trial_key === null ? {} : { trialKey: row.trial_key }),
    tags: fromJson(row.tags) as string[],
    ...(row.planned_steps == null ? {} : { plannedSteps: row.planned_steps }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    ...(row.metrics === null ? {} : { metrics: fromJson(row.metrics) as Record<string, unknown> }),
    ...(row.error === null ? {} : { error: row.error }),
    ...(row.summary === null ? {} : { summary: fromJson(row.summary) }),
  };
}

function toSweepRecord(row: SweepRow): SweepRecord {
  return {
    id: row.id,
    ...(row.name === null ? {} : { name: row.name }),
    status: row.status,
    config: fromJson(row.config),
    createdAt: row.created_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    ...(row.summary === null ? {} : { summary: fromJson(row.summary) }),
  };
}
