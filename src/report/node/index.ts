/**
 * Reports from the run store to files (Node only): `writeReport` (what `lrkit report` writes),
 * `writeReportForRun` and `writeReportForSweep` (what `--report FILE` on train, find and sweep
 * writes), and the loaders that turn store records into report data.
 */
export { writeReport, writeReportForRun, writeReportForSweep, checkOutPath, type WrittenReport } from "./write-report.js";
export { resolveTarget, loadRun, loadSweep, loadComparison, resolveRuns, type ReportTarget } from "./load-report.js";
