/**
 * The diagonal preconditioner of an adaptive optimizer, as S = P^{-1/2} for the sharpness probe:
 *
 *     Adam:     P = diag(√v̂ + ε),  v̂ = v / (1 − β₂ᵗ)     (bias-corrected second moment after t steps)
 *     RMSprop:  P = diag(√v + ε)
 *
 * so the probe's S·H·S has the eigenvalues of P⁻¹H (Cohen et al. 2022, arXiv 2207.14484).
 */
import { jax, type Params } from "../../engine/index.js";

const np = jax.numpy;

/** S = (√(v / c) + ε)^{-1/2} per parameter, c = 1 − β₂ᵗ for Adam and 1 for RMSprop; borrows `nu`. */
export function inverseSqrtPreconditioner(nu: Params, { eps, biasCorrection = 1 }: { eps: number; biasCorrection?: number }): Params {
  const out: Params = {};
  for (const [name, v] of Object.entries(nu)) out[name] = np.reciprocal(np.sqrt(np.sqrt(v.ref.div(biasCorrection)).add(eps)));
  return out;
}

/** Adam's S after `t` steps with second-moment decay `b2`. */
export function adamPreconditioner(nu: Params, { t, b2, eps }: { t: number; b2: number; eps: number }): Params {
  return inverseSqrtPreconditioner(nu, { eps, biasCorrection: 1 - b2 ** t });
}
