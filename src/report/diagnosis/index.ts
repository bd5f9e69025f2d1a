/**
 * The learning-rate diagnosis: from a run's logged loss, η (and optionally gradient norms,
 * epochs and the trainer's stop reason), whether η made it diverge, oscillate, crawl, plateau or
 * do well — with the numbers behind the verdict and the η to try next. Pure and browser-safe.
 */
export { diagnoseLr } from "./diagnose-lr.js";
export { formatDiagnosis } from "./format-diagnosis.js";
export { reconcileDiagnoses, type SiblingRun } from "./consistency.js";
export type { LrDiagnosis, LrDiagnosisDetails, LrDiagnosisInput, LrVerdict, DiagnosisEpoch } from "./types.js";
