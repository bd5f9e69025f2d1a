/**
 * What a run logs, in one place: step and epoch rows, step columns, and the summaries a finished
 * training run or range test keeps — as zod schemas that every writer and reader shares.
 */
export { wireNumber, stepRowSchema, epochRowSchema, toWire, type StepRow, type EpochRow, type StepRowWire, type EpochRowWire, type RunLog } from "./rows.js";
export { stepColumnsSchema, emptyColumns, toColumns, toRows, pushRow, appendColumns, type StepColumns } from "./columns.js";
export { adamThreshold, type SharpnessRow } from "./sharpness-row.js";
export { memoryLog, type MemoryLog } from "./memory.js";
export { configLr } from "./config-lr.js";
export { rankTrials, type RankedView } from "./rank-trials.js";
export {
  stopSchema,
  trainSummarySchema,
  trialSummarySchema,
  rangeTestSummarySchema,
  readSummary,
  type TrainSummary,
  type TrialSummary,
  type RangeTestSummary,
} from "./summaries.js";
export { recommendedLr, recommendedRule, type RecommendedLr } from "./recommended-lr.js";
export { higherIsBetter } from "./metric-direction.js";
