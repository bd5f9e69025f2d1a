/**
 * PyTorch's `maximize=True`: the gradient's sign is flipped before anything else sees it, so the
 * optimizer ascends the objective (g ← −g, ahead of weight decay and moments).
 */
import type { GradientTransformation } from "../types.js";
import { mapParams } from "./params.js";

/** u ← −u. Stateless. */
export function flipSign(): GradientTransformation<Record<string, never>> {
  return {
    init: () => ({}),
    update: (updates, state) => [mapParams(updates, (u) => u.neg()), state],
  };
}
