/**
 * The sharpness evidence for an unstable run: gradient descent on a quadratic is stable along an
 * eigen-direction of the Hessian only while η·λ < 2, and the sharpest direction (λ_max) goes first
 * (Cohen et al. 2021, "Gradient descent on neural networks typically occurs at the edge of
 * stability"). A probe row with `sharpness ≥ threshold` (threshold 2/η for SGD, the preconditioned
 * edge for Adam) is that crossing; the first one dates it.
 */
import type { SharpnessRow } from "../../log/index.js";

/** "η·λ_max reached 2 at step N: …" for the first probed step at or past the edge, else undefined. */
export function edgeOfStabilityEvidence(rows: readonly SharpnessRow[] | undefined): string | undefined {
  const crossed = rows?.find((r) => r.sharpness >= r.threshold);
  return crossed && `η·λ_max reached 2 at step ${crossed.step}: the loss oscillates along the sharpest direction`;
}
