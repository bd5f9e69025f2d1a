/**
 * Run and sweep storage in SQLite (Node only): `openStore(path)` gives a `RunStore` that records
 * runs, their configs, per-step η/loss/gradient norm, per-epoch metrics, sweep membership, status
 * and errors, and reads them back for reports, dashboards, resumable sweeps and exports.
 */
export { openStore, RunStore } from "./run-store.js";
export type { OpenOptions } from "./schema.js";
export { STORE_FORMAT, SCHEMA_VERSION } from "./schema.js";
export { StoreError, type StoreErrorReason } from "./errors.js";
export { storePath, DEFAULT_STORE_PATH } from "./path.js";
export { bestValues } from "./best.js";
export { higherIsBetter } from "../log/index.js";
export { compareRuns, type Comparison, type ComparisonRow } from "./compare.js";
export { CSV_HEADER } from "./export.js";
export { toPlainJson, toJson, fromJson } from "./values.js";
export { newId } from "./ids.js";
export {
  runKinds,
  runStatuses,
  sweepStatuses,
  type RunKind,
  type RunStatus,
  type FinalStatus,
  type NewRun,
  type RunRecord,
  type RunSummary,
  type RunEnd,
  type RunFilter,
  type NewSweep,
  type SweepStatus,
  type SweepRecord,
  type SweepEnd,
  type TrialRecord,
  type ExportFormat,
  type ExportRows,
} from "./types.js";
