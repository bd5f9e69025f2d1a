/**
 * Sliding windows over NHWC images, for convolution (im2col) and pooling.
 *
 * jax-js has no strided slices, so a strided selection along an axis is a reshape view:
 * x[start : start + s·n : s] = x[start : start + s·n].reshape(…, n, s, …)[…, :, 0, …]. Inside `jit`
 * these are views that fuse into whatever reads them.
 *
 * Why NHWC and slices + concatenate: jax-js lowers a matmul to one reduction kernel that is fast
 * only when each operand is contiguous along the contraction and the contraction length is a
 * multiple of 4 (then it vectorises); otherwise it is ~10× slower. The patch matrix P[M, K]
 * (M = N·OH·OW rows, K = kh·kw·C columns, channels fastest, zero-padded to a multiple of 4) built
 * by concatenating shifted views is read contiguously by the forward (P · Wᵀ) and by the weight
 * gradient. Concatenating in two levels (the kw column shifts, then the kh row shifts of that) is
 * cheaper than one kh·kw-way concatenation.
 *
 * Measured on wasm (seed CNN, batch 64, jitted forward + backward, median after warm-up, one core
 * of a shared 2-core machine, ±15%): lax.convGeneralDilated ~2090 ms; im2col by a reduceWindow
 * window view ~150 ms; NCHW stacked slices ~139 ms; channels-major P[K, M] ~105 ms; nine shifted
 * matmuls without a patch matrix ~99 ms; NHWC one nine-way concatenation ~99 ms, with K padded to a
 * multiple of 4 ~85 ms; this form (two-level concatenation, K padding, NHWC kept between layers by
 * `sequential`, reshaped max-pool) ~64–70 ms, forward alone ~34 ms. PyTorch 1.13 on one CPU
 * thread of the same machine: ~20–45 ms.
 */
import { jax, type JaxArray } from "../engine/index.js";

const np = jax.numpy;

/** Output length of a window of `kernel` with `stride` over `length` (already padded): ⌊(length − kernel)/stride⌋ + 1, PyTorch's floor mode. */
export function windowCount(length: number, kernel: number, stride: number): number {
  return Math.floor((length - kernel) / stride) + 1;
}

/**
 * The `count` elements start, start + stride, … along `axis`, as a view: a block of stride·count
 * elements reshaped to [count, stride], one phase of it taken. The block starts at `start`, or,
 * where that would run past the end, at length − stride·count with the phase start − that
 * (the same elements). Requires stride · count ≤ x.shape[axis] (see `padForWindows`). Consumes x.
 */
export function stridedSlice(x: JaxArray, axis: number, start: number, stride: number, count: number): JaxArray {
  const length = x.shape[axis]!;
  const block = Math.min(start, length - stride * count);
  const index = (at: number, range: [number, number] | number) => x.shape.map((_, a) => (a === at ? range : [])) as ([] | number | [number, number])[];
  const window = x.slice(...index(axis, [block, block + stride * count]));
  if (stride === 1) return window;
  const shape = [...window.shape];
  shape.splice(axis, 1, count, stride);
  return window.reshape(shape).slice(...index(axis + 1, start - block));
}

export interface Window {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
}

/** Output height and width of `window` over an image of height h and width w. */
export function windowOutput(h: number, w: number, { kernel, stride, padding }: Window): [number, number] {
  return [windowCount(h + 2 * padding[0], kernel[0], stride[0]), windowCount(w + 2 * padding[1], kernel[1], stride[1])];
}

/**
 * Pads an NHWC image by `padding` on each side with `fill` (0, or −∞ by adding a constant mask of
 * 0 inside and −∞ outside), plus, where a stride larger
 * than the kernel needs them, the few extra rows and columns at the end that the strided views
 * reach into (never selected). Consumes x.
 */
export function padForWindows(x: JaxArray, window: Window, fill: 0 | "-inf" = 0): JaxArray {
  const [, h, w] = x.shape as [number, number, number, number];
  const [oh, ow] = windowOutput(h, w, window);
  const [ph, pw] = window.padding;
  const eh = Math.max(0, window.stride[0] * oh - (h + 2 * ph));
  const ew = Math.max(0, window.stride[1] * ow - (w + 2 * pw));
  if (ph + eh + pw + ew === 0) return x;
  const padded = np.pad(x, [[0, 0], [ph, ph + eh], [pw, pw + ew], [0, 0]]);
  if (fill === 0 || ph + pw === 0) return padded;
  const [hp, wp] = [h + 2 * ph + eh, w + 2 * pw + ew];
  const outside = (x.dtype === np.float64 ? new Float64Array(hp * wp) : new Float32Array(hp * wp)).fill(-Infinity);
  for (let i = ph; i < ph + h; i++) outside.fill(0, i * wp + pw, i * wp + pw + w);
  return padded.add(np.array(outside, { dtype: x.dtype, shape: [hp, wp, 1] }));
}

/**
 * The kh·kw shifted views of a padded NHWC image (from `padForWindows`), each [N, OH, OW, C], in
 * row-major window order (i, j). Consumes x.
 */
export function windowViews(x: JaxArray, window: Window, oh: number, ow: number): JaxArray[] {
  const [kh, kw] = window.kernel;
  const [sh, sw] = window.stride;
  const views: JaxArray[] = [];
  for (let i = 0; i < kh; i++) {
    const rows = stridedSlice(x.ref, 1, i, sh, oh);
    for (let j = 0; j < kw; j++) views.push(stridedSlice(rows.ref, 2, j, sw, ow));
    rows.dispose();
  }
  x.dispose();
  return views;
}

/** S = concat_j(columns j·s_w, j·s_w + s_w, … of x) along channels: [N, H, OW, kw·C]. Consumes x. */
export function columnShifts(x: JaxArray, window: Window, ow: number): JaxArray {
  const shifts: JaxArray[] = [];
  for (let j = 0; j < window.kernel[1]; j++) shifts.push(stridedSlice(x.ref, 2, j, window.stride[1], ow));
  x.dispose();
  return concat(shifts);
}

/**
 * im2col: the patch matrix of a padded NHWC image, [N, OH, OW, K′] with columns ordered (i, j, c)
 * and K′ = kh·kw·C rounded up to a multiple of 4 with zero columns (so the matmul vectorises).
 * Built as concat_i(rows i of concat_j(columns j of x)). Consumes x.
 */
export function im2col(x: JaxArray, window: Window, oh: number, ow: number, columns: number): JaxArray {
  const kh = window.kernel[0];
  const sh = window.stride[0];
  const byColumn = columnShifts(x, window, ow);
  const parts: JaxArray[] = [];
  for (let i = 0; i < kh; i++) parts.push(stridedSlice(byColumn.ref, 1, i, sh, oh));
  byColumn.dispose();
  const [n, , , width] = parts[0]!.shape as [number, number, number, number];
  const k = width * kh;
  if (columns > k) parts.push(np.zeros([n, oh, ow, columns - k], { dtype: parts[0]!.dtype }));
  return concat(parts);
}

function concat(parts: JaxArray[]): JaxArray {
  return parts.length === 1 ? parts[0]! : np.concatenate(parts, 3);
}
