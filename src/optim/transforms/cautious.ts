/**
 * Cautious masking (Liang et al. 2024, "Cautious Optimizers: Improving Training with One Line of
 * Code", Algorithm 1) around any transformation: where the step it proposes does not descend
 * along this step's gradient, the step is dropped, and the rest is scaled up so the tensor keeps
 * its overall step size. Per tensor, with Δ the wrapped transformation's output (added to θ) and
 * g the gradient it received:
 *
 *     φ  = 1 where −Δ·g > 0, else 0        (Δ·g > 0 when maximizing)
 *     Δ ← Δ·φ · n / (Σφ + 1)               (n the tensor's number of elements)
 *
 * The rescaling n/(Σφ + 1) is the paper's and the authors' C-Lion code's (their C-AdamW code
 * divides by max(mean φ, 10⁻³) instead). Wrapping a whole optimizer masks its whole step, so a
 * decoupled weight decay inside it is masked with the rest, where the authors' code applies the
 * decay unmasked; the two agree without weight decay.
 */
import { scalarLike } from "../../engine/index.js";
import type { GradientTransformation } from "../types.js";
import { mapParams } from "./params.js";

/** `inner` with its step masked where it disagrees with the gradient, see the module docstring. */
export function cautious<S>(inner: GradientTransformation<S>, maximize = false): GradientTransformation<S> {
  return {
    ...inner,
    update(updates, state, params, hyper) {
      const [step, next] = inner.update(mapParams(updates, (g) => g.ref), state, params, hyper);
      const out = mapParams(step, (delta, name) => {
        const g = updates[name]!;
        const agreement = delta.ref.mul(g);
        const keep = (maximize ? agreement.greater(scalarLike(0, delta)) : agreement.less(scalarLike(0, delta))).astype(delta.dtype);
        const scale = scalarLike(delta.size, delta).div(keep.ref.sum().add(scalarLike(1, delta)));
        return delta.mul(keep).mul(scale);
      });
      return [out, next];
    },
  };
}
