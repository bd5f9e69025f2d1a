/**
 * Scalars for traced code. Inside `jit`, a plain JS number is baked in as a float32 constant even
 * when it meets a float64 array (0.1 becomes 0.10000000149…); a 0-d array of the target dtype
 * keeps full precision. Optimizer and clipping code therefore turns every number into an array of
 * the parameter's dtype through `scalarLike` before using it.
 */
import { jax, type DType, type JaxArray } from "./jax.js";

/** A scalar that may be a plain number (baked into a jitted function) or a 0-d array (traced, so it can change per call). */
export type Scalar = number | JaxArray;

const np = jax.numpy;

/** A 0-d array holding `value` in `dtype`; borrows `value` when it is an array (returns a new reference). */
export function scalarOf(value: Scalar, dtype: DType): JaxArray {
  if (typeof value === "number") return np.full([], value, { dtype });
  const ref = value.ref;
  return ref.dtype === dtype ? ref : ref.astype(dtype);
}

/** A 0-d array holding `value` in the dtype of `like`; borrows both. */
export function scalarLike(value: Scalar, like: JaxArray): JaxArray {
  return scalarOf(value, like.dtype);
}
