/** Clipping as an optax-style gradient transformation that keeps no state. */
import type { GradientTransformation, Params } from "../types.js";

/** The (empty) state of a clipping transformation; an object so it is a valid pytree inside `jit`. */
export type ClipState = Record<string, never>;

/**
 * Wrap `clip(updates, params)` (which consumes `updates` and borrows `params`) as a
 * `GradientTransformation`: `update` consumes the updates and the empty state, borrows params and
 * ignores `hyper`.
 */
export function stateless(clip: (updates: Params, params: Params) => Params): GradientTransformation<ClipState> {
  return {
    init: () => ({}),
    update: (updates, _state, params) => [clip(updates, params), {}],
  };
}
