/**
 * The MNIST subset the playground trains on in the browser, made at build time from the full
 * dataset: the first 200 training images of each digit (2,000) and the first 50 test images of
 * each (500), as the four standard IDX files, gzipped (≈ 0.4 MB in all; the page decompresses
 * them with `DecompressionStream`). Taking equal counts per class, in file order, keeps the subset
 * balanced and the same on every build.
 *
 * The data folder is `$LRKIT_DATA_DIR`, else `../shared/datasets` beside the repository. Without
 * MNIST there the build still succeeds and the playground's MNIST panel says the subset is missing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Plugin } from "vite";
import { parseIdxImages, parseIdxLabels, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from "../../data/index.js";

export const MNIST_SUBSET_DIR = "data";
export const TRAIN_PER_CLASS = 200;
export const TEST_PER_CLASS = 50;

const parts = [
  { from: "train", to: "train", perClass: TRAIN_PER_CLASS },
  { from: "t10k", to: "test", perClass: TEST_PER_CLASS },
] as const;

export function mnistSubset(repoRoot: string): Plugin {
  return {
    name: "lrkit-mnist-subset",
    apply: "build",
    generateBundle() {
      const dir = join(process.env.LRKIT_DATA_DIR ? resolve(process.env.LRKIT_DATA_DIR) : resolve(repoRoot, "../shared/datasets"), "mnist");
      const files = parts.flatMap((p) => [`${p.from}-images-idx3-ubyte.gz`, `${p.from}-labels-idx1-ubyte.gz`].map((f) => join(dir, f)));
      const missing = files.filter((f) => !existsSync(f));
      if (missing.length > 0) {
        this.warn(`MNIST not found (${missing.join(", ")}): the playground's MNIST panel will have no data`);
        return;
      }
      for (const part of parts) {
        const images = parseIdxImages(gunzipSync(readFileSync(join(dir, `${part.from}-images-idx3-ubyte.gz`))), `mnist/${part.from} images`);
        const labels = parseIdxLabels(gunzipSync(readFileSync(join(dir, `${part.from}-labels-idx1-ubyte.gz`))), `mnist/${part.from} labels`);
        const picked = balanced(labels, part.perClass);
        const size = images.rows * images.cols;
        const pixels = new Uint8Array(picked.length * size);
        picked.forEach((index, i) => pixels.set(images.pixels.subarray(index * size, (index + 1) * size), i * size));
        const emit = (name: string, bytes: Uint8Array) => this.emitFile({ type: "asset", fileName: `${MNIST_SUBSET_DIR}/${name}`, source: gzipSync(bytes, { level: 9 }) });
        emit(`mnist-${part.to}-images.idx.gz`, idx(IDX_IMAGES_MAGIC, [picked.length, images.rows, images.cols], pixels));
        emit(`mnist-${part.to}-labels.idx.gz`, idx(IDX_LABELS_MAGIC, [picked.length], Uint8Array.from(picked, (i) => labels[i]!)));
      }
    },
  };
}

/** Indices of the first `perClass` samples of each label, in file order. */
function balanced(labels: Uint8Array, perClass: number): number[] {
  const counts = new Map<number, number>();
  const picked: number[] = [];
  labels.forEach((label, i) => {
    const n = counts.get(label) ?? 0;
    if (n < perClass) {
      counts.set(label, n + 1);
      picked.push(i);
    }
  });
  return picked;
}

/** An IDX file: big-endian magic and sizes, then the bytes. */
function idx(magic: number, sizes: readonly number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * sizes.length + body.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, magic, false);
  sizes.forEach((s, i) => view.setInt32(4 + 4 * i, s, false));
  out.set(body, 4 + 4 * sizes.length);
  return out;
}
