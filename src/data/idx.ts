/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/):
 * a big-endian int32 magic number (2051 for images, 2049 for labels), an int32 count, for images
 * int32 rows and int32 cols, then the unsigned bytes, row-major. Parsing works on bytes already
 * read and decompressed, so it runs in a browser as well as in Node.
 */
import { createDataset } from "./dataset.js";
import { DataError } from "./errors.js";
import type { ClassificationDataset } from "./types.js";

export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count·rows·cols bytes, 0 … 255. */
  readonly pixels: Uint8Array;
}

/** Parse an IDX image file; `source` names it in errors (wrong magic, short header, wrong length). */
export function parseIdxImages(bytes: Uint8Array, source: string): IdxImages {
  const [count, rows, cols] = header(bytes, source, IDX_IMAGES_MAGIC, "images", 3);
  return { count: count!, rows: rows!, cols: cols!, pixels: body(bytes, source, 16, count! * rows! * cols!) };
}

/** Parse an IDX label file into one byte per sample. */
export function parseIdxLabels(bytes: Uint8Array, source: string): Uint8Array {
  const [count] = header(bytes, source, IDX_LABELS_MAGIC, "labels", 1);
  return body(bytes, source, 8, count!);
}

function header(bytes: Uint8Array, source: string, magic: number, what: string, dims: number): number[] {
  const size = 4 + 4 * dims;
  if (bytes.length < size) {
    throw new DataError(`${source}: not an IDX ${what} file: ${bytes.length} bytes, shorter than its ${size}-byte header`, source);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, size);
  const found = view.getInt32(0, false);
  if (found !== magic) {
    throw new DataError(`${source}: not an IDX ${what} file: magic number ${found}, expected ${magic}`, source);
  }
  const sizes = Array.from({ length: dims }, (_, i) => view.getInt32(4 + 4 * i, false));
  if (sizes.some((s) => s < 0)) throw new DataError(`${source}: IDX header has a negative size: ${sizes.join(" × ")}`, source);
  return sizes;
}

function body(bytes: Uint8Array, source: string, offset: number, length: number): Uint8Array {
  if (bytes.length !== offset + length) {
    const problem = bytes.length < offset + length ? "truncated" : "has trailing bytes";
    throw new DataError(`${source}: ${problem}: header promises ${offset} + ${length} = ${offset + length} bytes, file has ${bytes.length}`, source);
  }
  return bytes.subarray(offset);
}

export interface IdxDatasetOptions {
  name: string;
  /** Class names for labels 0 … k−1 (default "0" … "9"). */
  classes?: readonly string[];
  /** Keep only the first `limit` samples. */
  limit?: number;
}

/** A [1, rows, cols] classification dataset with pixels scaled to [0, 1] (p / 255). */
export function idxDataset(images: IdxImages, labels: Uint8Array, options: IdxDatasetOptions): ClassificationDataset {
  const { name } = options;
  if (labels.length !== images.count) {
    throw new DataError(`${name}: ${images.count} images but ${labels.length} labels`, name);
  }
  const n = Math.min(images.count, options.limit ?? Infinity);
  const d = images.rows * images.cols;
  const x = new Float32Array(n * d);
  const pixels = images.pixels;
  for (let i = 0; i < x.length; i++) x[i] = pixels[i]! / 255;
  return createDataset({
    name,
    task: "classification",
    n,
    x,
    y: Int32Array.from(labels.subarray(0, n)),
    sampleShape: [1, images.rows, images.cols],
    classes: options.classes ?? Array.from({ length: 10 }, (_, i) => String(i)),
  });
}
