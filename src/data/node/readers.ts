/**
 * Node readers for IDX and CSV files: read (and gunzip) the file, then parse with the
 * browser-safe parsers of `src/data`.
 */
import { basename } from "node:path";
import { parseCsv, parseSklearnCsv, type CsvOptions } from "../csv.js";
import { idxDataset, parseIdxImages, parseIdxLabels, type IdxDatasetOptions } from "../idx.js";
import type { ClassificationDataset, Dataset } from "../types.js";
import { readBytes, readText } from "./files.js";

/** An IDX image file and its label file (e.g. MNIST's `t10k-images-idx3-ubyte.gz`, `t10k-labels-idx1-ubyte.gz`). */
export async function readIdx(imagesPath: string, labelsPath: string, options: IdxDatasetOptions): Promise<ClassificationDataset> {
  const [imageBytes, labelBytes] = await Promise.all([readBytes(imagesPath), readBytes(labelsPath)]);
  return idxDataset(parseIdxImages(imageBytes, imagesPath), parseIdxLabels(labelBytes, labelsPath), options);
}

/** A CSV file (optionally gzipped) with a label column; see `parseCsv`. Named after the file unless `options.name`. */
export async function readCsv(path: string, options: CsvOptions): Promise<Dataset> {
  return parseCsv(await readText(path), path, { ...options, name: options.name ?? basename(path) });
}

/** A CSV file in scikit-learn's layout; see `parseSklearnCsv`. */
export async function readSklearnCsv(path: string, name: string): Promise<ClassificationDataset> {
  return parseSklearnCsv(await readText(path), path, name);
}
