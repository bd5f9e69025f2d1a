/**
 * Vector norms computed with float64-exact operations only (+, ×, |·|, max, sqrt): jax-js
 * computes float64 `pow`/`exp`/`log` at about float32 precision, so general p-norms are not offered.
 */
import { jax, type JaxArray } from "../../engine/index.js";

const np = jax.numpy;

/** The norm orders the clipping functions accept: PyTorch's `norm_type` 2, 1 or `inf`. */
export type NormType = 2 | 1 | "inf";

/** The norm orders, for validation and messages. */
export const normTypes: readonly NormType[] = [2, 1, "inf"];

/**
 * ‖x‖_p over all elements of `x` (as if flattened), as a 0-d array; borrows `x`.
 *   p = 2:   sqrt(Σ x²)
 *   p = 1:   Σ |x|
 *   p = inf: max |x|
 */
export function vectorNorm(x: JaxArray, normType: NormType): JaxArray {
  if (normType === 2) return np.sqrt(np.square(x.ref).sum());
  if (normType === 1) return np.abs(x.ref).sum();
  return np.abs(x.ref).max();
}

/**
 * Euclidean norm over `axes` with those axes kept (so the result broadcasts against `x`); borrows `x`.
 * sqrt(Σ_{axes} x²)
 */
export function l2NormOver(x: JaxArray, axes: number[]): JaxArray {
  return np.sqrt(np.square(x.ref).sum(axes, { keepdims: true }));
}
