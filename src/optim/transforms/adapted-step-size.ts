/**
 * The step size of the Adam-style methods that estimate d (D-Adaptation Adam, Prodigy), as their
 * reference code computes it each step:
 *
 *     dlr_t = d_t · γ_t · √(1 − β₂ᵗ) / (1 − β₁ᵗ)     with bias correction (β^t kept as running products)
 *     dlr_t = d_t · γ_t                              without
 *
 * Borrows `d`, `lr` and the powers; returns the step size and the advanced powers (new references).
 */
import { jax, scalarOf, type JaxArray, type Scalar } from "../../engine/index.js";
import { oneMinus } from "./params.js";

const np = jax.numpy;

export interface BetaPowers {
  b1Power?: JaxArray;
  b2Power?: JaxArray;
}

export function adaptedStepSize(d: JaxArray, lr: JaxArray, beta1: Scalar, b2: number, powers: BetaPowers): { dlr: JaxArray } & BetaPowers {
  const dlr = d.ref.mul(lr.ref);
  if (!powers.b1Power || !powers.b2Power) return { dlr };
  const b1Power = powers.b1Power.ref.mul(scalarOf(beta1, d.dtype));
  const b2Power = powers.b2Power.ref.mul(scalarOf(b2, d.dtype));
  return { dlr: dlr.mul(np.sqrt(oneMinus(b2Power, b2Power)).div(oneMinus(b1Power, b1Power))), b1Power, b2Power };
}
