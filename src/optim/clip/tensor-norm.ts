/** Rescaling each gradient tensor on its own to an L2 norm of at most c (Keras `clipnorm`). */
import { jax, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params, Scalar } from "../types.js";
import { vectorNorm } from "./norm.js";
import { mapParams } from "../transforms/params.js";
import { requirePositive } from "./params.js";
import { stateless, type ClipState } from "./stateless.js";

const np = jax.numpy;

/**
 * For each tensor independently:  g ← (g · c) / max(‖g‖₂, c),  with ‖g‖₂ over all its elements.
 *
 * A tensor whose norm is at most c is multiplied by c/c (unchanged up to rounding); a larger one
 * is scaled to norm c. Matches Keras optimizers' `clipnorm` (`tf.clip_by_norm` /
 * `keras.ops.clip_by_norm`, same arithmetic order). Unlike `clipByGlobalNorm`, the tensors do not
 * share one scale factor. Consumes `grads`; borrows `clipNorm`.
 */
export function clipByTensorNorm(grads: Params, clipNorm: Scalar): Params {
  requirePositive("clipByTensorNorm", "clipNorm", clipNorm);
  return mapParams(grads, (g) => {
    const c = scalarLike(clipNorm, g);
    const norm = vectorNorm(g, 2);
    return g.mul(c.ref).div(np.maximum(norm, c));
  });
}

/** `clipByTensorNorm` as a stateless gradient transformation. */
export function tensorNormClipping(clipNorm: number): GradientTransformation<ClipState> {
  requirePositive("tensorNormClipping", "clipNorm", clipNorm);
  return stateless((updates) => clipByTensorNorm(updates, clipNorm));
}
