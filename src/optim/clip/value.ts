/** Clipping each gradient element to [−c, c]. */
import { jax, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params, Scalar } from "../types.js";
import { mapParams } from "../transforms/params.js";
import { requirePositive } from "./params.js";
import { stateless, type ClipState } from "./stateless.js";

const np = jax.numpy;

/**
 * Clamp every gradient element into [−c, c]:  g ← min(max(g, −c), c).
 *
 * Matches PyTorch's `torch.nn.utils.clip_grad_value_(parameters, clip_value)` (a `clamp_` with
 * `min=-clip_value, max=clip_value`; NaN stays NaN). Consumes `grads`; borrows `clipValue`
 * (a number, or a 0-d array so the bound can change between calls of a jitted step).
 */
export function clipByValue(grads: Params, clipValue: Scalar): Params {
  requirePositive("clipByValue", "clipValue", clipValue);
  return mapParams(grads, (g) => {
    const c = scalarLike(clipValue, g);
    return np.clip(g, c.ref.neg(), c);
  });
}

/** `clipByValue` as a stateless gradient transformation, e.g. the first link of an optimizer chain. */
export function valueClipping(clipValue: number): GradientTransformation<ClipState> {
  requirePositive("valueClipping", "clipValue", clipValue);
  return stateless((updates) => clipByValue(updates, clipValue));
}
