/**
 * The final step of most chains: u ← −η·u, so that θ ← θ + u descends. η is `hyper.lr` when a
 * schedule supplies one for this step, else the spec's `lr` (PyTorch's `param.add_(u, alpha=-lr)`).
 */
import { scalarLike } from "../../engine/index.js";
import type { GradientTransformation } from "../types.js";
import { mapParams } from "./params.js";

/** u ← −lr·u, with lr = hyper.lr ?? `lr`. Stateless. */
export function scaleByLearningRate(lr: number): GradientTransformation<Record<string, never>> {
  return {
    init: () => ({}),
    update: (updates, state, _params, hyper) => {
      const rate = hyper.lr ?? lr;
      return [mapParams(updates, (u) => u.mul(scalarLike(rate, u).neg())), state];
    },
  };
}
