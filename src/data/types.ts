/**
 * Datasets held in host memory, ready to be sliced into batches and handed to jax-js.
 *
 * Layout (PyTorch's): sample i occupies `x[i·d, (i+1)·d)` with d = ∏ sampleShape, row-major in
 * `sampleShape`. Images are NCHW, channels first (`[1, 28, 28]`, `[3, 32, 32]`), pixel values
 * scaled to [0, 1]; tabular samples are flat feature vectors (`[4]`).
 *
 * Datasets are values: nothing in lrkit writes into `x` or `y` after a dataset is built, and the
 * loaders cache and share them between callers, so treat them as read-only.
 */

export type Task = "classification" | "regression";

interface DatasetBase {
  /** Where it came from, for messages: "mnist/train", "iris/test", a file name. */
  readonly name: string;
  /** Number of samples. */
  readonly n: number;
  /** Features, n·∏sampleShape values. */
  readonly x: Float32Array;
  /** Shape of one sample, e.g. [1, 28, 28] (C, H, W) or [13]. */
  readonly sampleShape: readonly number[];
}

/** Class indices in [0, classes.length), one per sample. */
export interface ClassificationDataset extends DatasetBase {
  readonly task: "classification";
  readonly y: Int32Array;
  readonly classes: readonly string[];
}

/** One real-valued target per sample. */
export interface RegressionDataset extends DatasetBase {
  readonly task: "regression";
  readonly y: Float32Array;
}

export type Dataset = ClassificationDataset | RegressionDataset;

/** A dataset's training part and held-out test part, with the same classes and sample shape. */
export interface TrainTest<D extends Dataset = Dataset> {
  readonly train: D;
  readonly test: D;
}
