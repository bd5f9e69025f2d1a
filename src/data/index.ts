/**
 * lrkit's datasets in host memory and the pipeline that feeds training: validation, seeded
 * splits, standardisation, shuffled mini-batches, and parsers for IDX and CSV bytes. Nothing here
 * touches the file system, so it bundles for a browser; reading files and named datasets is in
 * `src/data/node/index.ts`.
 */
export type { Dataset, ClassificationDataset, RegressionDataset, Task, TrainTest } from "./types.js";
export { DataError } from "./errors.js";
export { createDataset, subset, head, sampleSize } from "./dataset.js";
export { seededGenerator, mixSeed, permutation, purpose } from "./random.js";
export { trainTestSplit, type SplitOptions } from "./split.js";
export { fitStandardizer, type Standardizer, type StandardizeOptions } from "./standardize.js";
export { batches, batchCount, type Batch, type BatchOptions } from "./batches.js";
export { parseIdxImages, parseIdxLabels, idxDataset, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, type IdxImages, type IdxDatasetOptions } from "./idx.js";
export { parseCsv, parseSklearnCsv, parseNumberTable, type CsvOptions } from "./csv.js";
export {
  parseDatasetSpec,
  datasetNames,
  tabularNames,
  DEFAULT_TEST_FRACTION,
  type DatasetName,
  type DatasetSpec,
  type NamedDatasetSpec,
  type CsvDatasetSpec,
} from "./spec.js";
