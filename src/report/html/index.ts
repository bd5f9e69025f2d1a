/**
 * Self-contained HTML reports of runs, sweeps and comparisons, built from the run store's records
 * (pure and browser-safe: reading the store and writing files is `src/report/node`).
 */
export { renderRunReport, renderSweepReport, renderComparisonReport } from "./run-report.js";
export type { RunReportData, SweepReportData, SweepTrialData, ComparisonReportData } from "./types.js";
