/**
 * LAMB's layer-wise trust ratio (You et al. 2020, "Large Batch Optimization for Deep Learning:
 * Training BERT in 76 minutes", Algorithm 2), per parameter tensor:
 *
 *     u ← (‖θ‖ / ‖u‖)·u      with ‖·‖ the L2 norm over the tensor,
 *
 * and a ratio of 1 when either norm is 0 (a zero-initialised tensor still moves, as in optax's
 * `scale_by_trust_ratio`). The paper's scaling function φ is the identity here.
 */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import type { GradientTransformation } from "../types.js";
import { mapParams } from "./params.js";

const np = jax.numpy;

/** u ← (‖θ‖/‖u‖)·u per tensor (1 when a norm is 0). Stateless; borrows the parameters. */
export function scaleByTrustRatio(): GradientTransformation<Record<string, never>> {
  return {
    init: () => ({}),
    update: (updates, state, params) => [
      mapParams(updates, (u, name) => {
        const paramNorm = l2Norm(params[name]!.ref);
        const updateNorm = l2Norm(u.ref);
        const zero = scalarLike(0, u);
        const anyZero = np.logicalOr(paramNorm.ref.equal(zero.ref), updateNorm.ref.equal(zero));
        const ratio = np.where(anyZero, scalarLike(1, u), paramNorm.div(updateNorm));
        return u.mul(ratio);
      }),
      state,
    ],
  };
}

function l2Norm(x: JaxArray): JaxArray {
  return np.sqrt(x.ref.mul(x).sum());
}
