/**
 * The shapes every optimizer piece shares.
 *
 * Ownership follows jax-js: a function consumes the arrays it is given unless its docstring says
 * it borrows them. Here:
 * - `GradientTransformation.update` consumes `updates` and `state`, and borrows `params` and the
 *   arrays in `hyper` (it takes `.ref` of whatever it keeps or uses).
 * - `Optimizer.step` consumes `params`, `grads` and `state`, borrows `hyper`.
 * - `init` borrows `params` (it reads shapes and dtypes, or takes `.ref`).
 */
import type { JaxArray } from "../engine/index.js";

/** Parameters, gradients and updates: a flat record from a parameter's name ("conv1.weight") to its array. */
export type Params = Record<string, JaxArray>;

/** A scalar that may be a plain number (baked into a jitted function) or a 0-d array (traced, so it can change per call). */
export type Scalar = number | JaxArray;

/**
 * Per-step overrides, so a schedule can drive a jitted step without recompiling.
 * `lr` replaces the spec's `lr` (groups with their own lr keep their ratio to it); `momentum`
 * replaces SGD/RMSprop `momentum` or the first beta of Adam-like optimizers.
 */
export interface Hyper {
  lr?: Scalar;
  momentum?: Scalar;
}

/** An optax-style gradient transformation: state init and an update of the updates. */
export interface GradientTransformation<S = unknown> {
  init(params: Params): S;
  update(updates: Params, state: S, params: Params, hyper: Hyper): [Params, S];
}
