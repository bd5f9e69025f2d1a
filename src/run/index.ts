/**
 * A run, owned in one place: its typed spec (`parseRunSpec`), everything built from it
 * (`buildRun`: splits, model, objective, optimizer with its clipping, scheduler, batches),
 * training it (`runTraining`, `fitRun`), a range test of it (`rangeTestFromConfig`), recording it
 * in the run store (`recordRun`, `recordTraining`) and the summaries it keeps. The CLI, the
 * sweeps, the examples and the queue workers run runs through here.
 */
export { parseRunSpec, runSpecKeys, type RunSpec, type DataSpec, type RunScheduler } from "./spec.js";
export { prepareData, type RunData } from "./prepare-data.js";
export { buildRun, type BuiltRun } from "./build.js";
export { runTraining, fitRun, type TrainingRunOptions, type TrainingRunResult } from "./train.js";
export { rangeTestFromConfig, type RangeTestFromConfigOptions, type RangeTestFromConfigResult } from "./range-test.js";
export { recordRun, type RunRecorder, type Recorded } from "./record.js";
export { recordTraining, type RecordedTrainingOptions, type RecordedTraining, type RecordingStore } from "./record-training.js";
export { trainSummary, trainStatus, rangeTestSummary } from "./summaries.js";
