/** Clipping all gradients together by their global norm, with PyTorch's exact semantics. */
import { jax, type JaxArray, scalarLike, scalarOf } from "../../engine/index.js";
import { ConfigError } from "../../errors.js";
import type { GradientTransformation, Params, Scalar } from "../types.js";
import { vectorNorm, type NormType } from "./norm.js";
import { mapParams } from "../transforms/params.js";
import { requireNormType, requirePositive } from "./params.js";
import { stateless, type ClipState } from "./stateless.js";

const np = jax.numpy;

export interface GlobalNormOptions {
  /** PyTorch's `norm_type`: 2 (default), 1 or "inf". */
  normType?: NormType;
  /**
   * PyTorch's `error_if_nonfinite`: throw a `NonFiniteNormError` when the total norm is NaN or
   * ±Inf. This reads the norm on the host, so it only works eagerly; inside `jit` return
   * `totalNorm` from the step and check it with `readTotalNorm(totalNorm, { errorIfNonfinite: true })`.
   */
  errorIfNonfinite?: boolean;
}

/**
 * The clipped gradients and the total norm they had before clipping (a 0-d array). A type alias
 * rather than an interface so that it is a pytree a jitted function may return.
 */
export type GlobalNormClipped = {
  grads: Params;
  totalNorm: JaxArray;
};

/** The total gradient norm is NaN or infinite, so the gradients cannot be clipped (PyTorch's `error_if_nonfinite`). */
export class NonFiniteNormError extends Error {
  override name = "NonFiniteNormError";
  constructor(
    readonly totalNorm: number,
    readonly normType: NormType,
  ) {
    super(
      `the total norm of order ${normType} of the gradients is ${totalNorm}, which is non-finite, so they cannot be clipped; ` +
        "leave errorIfNonfinite off to scale them by the non-finite norm anyway (PyTorch's error_if_nonfinite=False)",
    );
  }
}

/**
 * Rescale all gradients by one factor so that their global norm is at most `maxNorm`, as
 * PyTorch 1.13's `torch.nn.utils.clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite)`:
 *
 *   n_i        = ‖g_i‖_p                        per tensor (p = 2, 1 or inf, over all its elements)
 *   total_norm = ‖(n_1, …, n_k)‖_p              the norm of the per-tensor norms
 *                                                (p = inf: max_i max |g_i|)
 *   clip_coef  = max_norm / (total_norm + 1e-6)
 *   g_i        ← g_i · min(clip_coef, 1)
 *
 * Like PyTorch, the gradients are always multiplied by the clamped coefficient, with no branch:
 * when total_norm + 1e-6 ≤ max_norm that is ×1 and they come back unchanged; just inside the
 * bound (max_norm − 1e-6 < total_norm ≤ max_norm) the epsilon still shrinks them by a factor
 * above 1 − 1e-6/total_norm. A NaN norm propagates (min(NaN, 1) is NaN) and an infinite norm
 * gives clip_coef 0. The arithmetic runs in the dtype of the gradients, constants
 * included, so float64 keeps full precision inside `jit`. With no gradients, the total norm is 0
 * (float32), as in PyTorch.
 *
 * Returns the clipped gradients and `totalNorm`, the norm before clipping as a 0-d array (it stays
 * an array so this works inside `jit`; read it with `readTotalNorm`). Consumes `grads`; borrows
 * `maxNorm`. With `errorIfNonfinite`, a non-finite norm disposes the gradients and throws
 * `NonFiniteNormError` naming the norm; this host read is refused inside `jit` with a
 * `ConfigError` (use `readTotalNorm` on the returned norm instead).
 */
export function clipByGlobalNorm(grads: Params, maxNorm: Scalar, options: GlobalNormOptions = {}): GlobalNormClipped {
  const normType = options.normType ?? 2;
  requireNormType("clipByGlobalNorm", normType);
  requirePositive("clipByGlobalNorm", "maxNorm", maxNorm);
  const tensors = Object.values(grads);
  if (options.errorIfNonfinite && tensors.some((g) => !(g instanceof np.Array))) {
    throw new ConfigError(
      "clipByGlobalNorm: errorIfNonfinite reads the total norm on the host, which cannot be done inside jit; " +
        "return totalNorm from the jitted function and check it with readTotalNorm(totalNorm, { errorIfNonfinite: true })",
      "clipByGlobalNorm",
      "errorIfNonfinite",
      true,
    );
  }
  if (tensors.length === 0) return { grads, totalNorm: np.zeros([]) };

  const totalNorm = vectorNormOfNorms(tensors.map((g) => vectorNorm(g, normType)), normType);
  if (options.errorIfNonfinite) {
    const value = totalNorm.ref.item();
    if (!Number.isFinite(value)) {
      totalNorm.dispose();
      jax.tree.dispose(grads);
      throw new NonFiniteNormError(value, normType);
    }
  }
  const clipCoef = scalarLike(maxNorm, totalNorm).div(totalNorm.ref.add(scalarLike(1e-6, totalNorm)));
  const clamped = np.minimum(clipCoef, scalarLike(1, totalNorm));
  const clipped = mapParams(grads, (g) => g.mul(scalarOf(clamped, g.dtype)));
  clamped.dispose();
  return { grads: clipped, totalNorm };
}

/** ‖(n_1, …, n_k)‖_p of the per-tensor norms (consumed), in their promoted dtype. */
function vectorNormOfNorms(norms: JaxArray[], normType: NormType): JaxArray {
  const stacked = np.stack(norms);
  const total = vectorNorm(stacked, normType);
  stacked.dispose();
  return total;
}

/**
 * Read a total norm returned by `clipByGlobalNorm` (from eager code or out of a jitted step) as a
 * number; consumes it. With `errorIfNonfinite`, throws `NonFiniteNormError` when it is NaN or
 * ±Inf: the in-`jit` counterpart of the eager check (the gradients have then already been scaled
 * by the non-finite norm, so the caller should discard that step's result).
 */
export async function readTotalNorm(totalNorm: JaxArray, options: GlobalNormOptions = {}): Promise<number> {
  const value = (await totalNorm.data())[0]!;
  if (options.errorIfNonfinite && !Number.isFinite(value)) throw new NonFiniteNormError(value, options.normType ?? 2);
  return value;
}

/**
 * `clipByGlobalNorm` as a stateless gradient transformation (the total norm is dropped; call
 * `clipByGlobalNorm` directly to log it). With `errorIfNonfinite` it only works eagerly.
 */
export function globalNormClipping(maxNorm: number, options: GlobalNormOptions = {}): GradientTransformation<ClipState> {
  requirePositive("globalNormClipping", "maxNorm", maxNorm);
  requireNormType("globalNormClipping", options.normType ?? 2);
  return stateless((updates) => {
    const { grads, totalNorm } = clipByGlobalNorm(updates, maxNorm, options);
    totalNorm.dispose();
    return grads;
  });
}
