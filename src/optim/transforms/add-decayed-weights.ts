/**
 * Weight decay as an added multiple of the parameters: u ← u + λθ (optax's `add_decayed_weights`).
 *
 * Where it sits in a chain decides which weight decay it is. Before the adaptive scaling it is
 * PyTorch's L2 `weight_decay` of SGD, Adam, RMSprop… (g ← g + λθ, then moments of that g).
 * After it and before the learning rate it is decoupled weight decay (Loshchilov & Hutter 2019,
 * "Decoupled Weight Decay Regularization"): θ ← θ − η(u + λθ), which is AdamW's
 * θ ← θ(1 − ηλ) − η·u.
 */
import { scalarLike } from "../../engine/index.js";
import type { GradientTransformation } from "../types.js";
import { mapParams } from "./params.js";

/** u ← u + weightDecay·θ. Stateless; borrows the parameters. */
export function addDecayedWeights(weightDecay: number): GradientTransformation<Record<string, never>> {
  return {
    init: () => ({}),
    update: (updates, state, params) => [
      mapParams(updates, (u, name) => {
        const p = params[name]!;
        return u.add(p.ref.mul(scalarLike(weightDecay, p)));
      }),
      state,
    ],
  };
}
