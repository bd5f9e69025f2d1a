/**
 * The data every runtime trains on, so the numbers compare like with like.
 *
 * - MLP and CNN steps, time to accuracy: real MNIST from ../shared/datasets/mnist (IDX, gzipped),
 *   pixels / 255; the MLP task uses the first 8192 training images (its batches come from a
 *   smaller set so the process's memory is not dominated by the data).
 * - Optimizer steps: parameter sets of 10 equal tensors (1 M: 10 × [100, 1000]; 10 M: 10 × [1000,
 *   1000]) with seeded random values and gradients in [−1, 1).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { mulberry32 } from "./protocol.mjs";

export const CLASSES = 10;
export const MLP_SAMPLES = 8192;

export const OPT_SHAPES = {
  "1m": Array.from({ length: 10 }, () => [100, 1000]),
  "10m": Array.from({ length: 10 }, () => [1000, 1000]),
};

/** MNIST `split` ("train" or "t10k"), its first `limit` images, as { x: Float32Array n·784 in [0, 1], y: Int32Array n, n }. */
export function readMnist(dir, split, limit = Infinity) {
  const images = gunzipSync(readFileSync(join(dir, `${split}-images-idx3-ubyte.gz`)));
  const labels = gunzipSync(readFileSync(join(dir, `${split}-labels-idx1-ubyte.gz`)));
  if (images.readInt32BE(0) !== 2051 || labels.readInt32BE(0) !== 2049) throw new Error(`bad IDX magic in ${dir}/${split}`);
  const n = Math.min(images.readInt32BE(4), limit);
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = images[16 + i] / 255;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = labels[8 + i];
  return { x, y, n };
}

/** Seeded random tensors for the optimizer task: values in [−1, 1). */
export function randomTensors(shapes, seed) {
  const rand = mulberry32(seed);
  return shapes.map((s) => new Float32Array(s[0] * s[1]).map(() => rand() * 2 - 1));
}
