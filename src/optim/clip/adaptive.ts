/** Adaptive gradient clipping (AGC): each unit's gradient bounded relative to its weight's norm. */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import { ConfigError } from "../../errors.js";
import type { GradientTransformation, Params, Scalar } from "../types.js";
import { l2NormOver } from "./norm.js";
import { mapParams } from "../transforms/params.js";
import { requirePositive } from "./params.js";
import { stateless, type ClipState } from "./stateless.js";

const np = jax.numpy;

/**
 * Adaptive gradient clipping from Brock, De, Smith & Simonyan (2021), "High-Performance
 * Large-Scale Image Recognition Without Normalization", eq. 3. For each unit i of a weight W with
 * gradient G, with λ = `clipping`:
 *
 *   ‖W_i‖* = max(‖W_i‖₂, eps)                  (eps = 1e-3 keeps zero-initialised weights trainable)
 *   max_i  = λ · ‖W_i‖*
 *   G_i    ← G_i                                 if ‖G_i‖₂ < max_i
 *   G_i    ← G_i · max_i / max(‖G_i‖₂, 1e-6)     otherwise
 *
 * i.e. G_i is scaled to λ‖W_i‖* when ‖G_i‖/‖W_i‖* ≥ λ. Units follow PyTorch's layout (output
 * dimension first: Linear [out, in], Conv [out, in, kh, kw]): for a weight with 2 or more axes a
 * unit is one slice along the first axis (the norm is taken over all other axes); a 0-d or 1-d
 * tensor (bias, gain) is a single unit, normed as a whole. This is the convention of the paper's
 * reference code for vectors and of timm's `adaptive_clip_grad`, whose arithmetic (including the
 * 1e-6 floor and the strict `<`) this matches; optax's `adaptive_grad_clip` instead clips vectors
 * elementwise and, for JAX's [in, out] layout, reduces over all but the last axis. The paper does
 * not clip the final classifier layer; leave its gradients out of `grads` for that.
 *
 * Consumes `grads`; borrows `params` (which must hold a weight of the same shape for every
 * gradient), `clipping` and `eps`.
 */
export function adaptiveGradClip(grads: Params, params: Params, clipping: Scalar, eps: Scalar = 1e-3): Params {
  requirePositive("adaptiveGradClip", "clipping", clipping);
  requirePositive("adaptiveGradClip", "eps", eps);
  for (const [name, g] of Object.entries(grads)) {
    const w = params[name];
    if (w === undefined || w.shape.join() !== g.shape.join()) {
      const got = w === undefined ? "no such parameter" : `a parameter of shape [${w.shape.join(", ")}]`;
      throw new ConfigError(
        `adaptiveGradClip: the gradient "${name}" of shape [${g.shape.join(", ")}] needs its weight in params; got ${got}`,
        "adaptiveGradClip",
        name,
        w?.shape,
      );
    }
  }
  return mapParams(grads, (g, name) => {
    const weightNorm = unitNorms(params[name]!);
    const gradNorm = unitNorms(g);
    const maxNorm = np.maximum(weightNorm, scalarLike(eps, g)).mul(scalarLike(clipping, g));
    const clipped = g.ref.mul(maxNorm.ref.div(np.maximum(gradNorm.ref, scalarLike(1e-6, g))));
    return np.where(gradNorm.less(maxNorm), g, clipped);
  });
}

/** ‖x_i‖₂ per unit, shaped to broadcast against `x`; borrows `x`. */
function unitNorms(x: JaxArray): JaxArray {
  const axes = x.ndim <= 1 ? x.shape.map((_, i) => i) : x.shape.slice(1).map((_, i) => i + 1);
  return l2NormOver(x, axes);
}

/** `adaptiveGradClip` as a stateless gradient transformation; it reads the weights from the `params` given to `update`. */
export function adaptiveClipping(clipping: number, eps = 1e-3): GradientTransformation<ClipState> {
  requirePositive("adaptiveClipping", "clipping", clipping);
  requirePositive("adaptiveClipping", "eps", eps);
  return stateless((updates, params) => adaptiveGradClip(updates, params, clipping, eps));
}
