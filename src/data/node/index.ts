/**
 * lrkit's data loading for Node: files, archives and named datasets. Browser-safe parts
 * (parsers, splits, batches) are in `src/data/index.ts`.
 */
export { loadDataset, clearDatasetCache, type LoadOptions } from "./named.js";
export { readIdx, readCsv, readSklearnCsv } from "./readers.js";
export { readImageFolder, readImageFolderSplits, type ImageFolderOptions } from "./image-folder.js";
export { dataDirCandidates, DATA_DIR_ENV, type DataDirCandidate } from "./data-dir.js";
export { readBytes, readText } from "./files.js";
