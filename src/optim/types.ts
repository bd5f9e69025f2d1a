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
import type { ArrayTree, Params, Scalar } from "../engine/index.js";

export type { ArrayTree, Params, Scalar };



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
  /**
   * The parameters to evaluate the model at, for transformations whose training point differs
   * from it (Schedule-Free's x versus y). Borrows `params` and `state`; returns new references.
   */
  evalParams?(params: Params, state: S): Params;
}

/**
 * An optimizer's state: one chain state per parameter group, in `param_groups` order, then the
 * group of parameters no pattern matched. Every leaf is an array, so a step can be jitted.
 */
export type OptimizerState = {
  groups: ArrayTree[];
  /** The state of the clipping that leads the chain, when there is one (`withClipping`). */
  clip?: ArrayTree;
};


/** One array in saved optimizer state: its dtype, shape and raw little-endian bytes in base64. */
export interface ArrayData {
  dtype: string;
  shape: number[];
  data: string;
}

/** Saved optimizer state mirrors `OptimizerState` with every array replaced by its `ArrayData`. */
export type StateTreeData = ArrayData | StateTreeData[] | { [key: string]: StateTreeData };

/** Optimizer state as plain JSON-safe data (`JSON.stringify` keeps it bit for bit). */
export interface OptimizerStateData {
  format: "lrkit.optimizer-state";
  version: 1;
  type: string;
  groups: StateTreeData[];
}

/** A built optimizer: PyTorch's update rule as a pure, jittable step over flat parameter records. */
export interface Optimizer {
  /** The spec with PyTorch's defaults filled in (top-level options, without `param_groups`). */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Each parameter group's patterns with its options fully resolved (top-level options overridden by the group's). */
  readonly paramGroups: ReadonlyArray<Readonly<Record<string, unknown>> & { params: readonly string[] }>;
  /** The top-level η (`lr`): what a scheduler starts from and `hyper.lr` replaces. */
  readonly lr: number;
  /** Whether every group has a momentum or β₁ that `hyper.momentum` can set (what a cycling scheduler needs). */
  readonly hasMomentum: boolean;
  /** Fresh state for `params` (borrowed). Throws a ConfigError when a group pattern matches no parameter. */
  init(params: Params): OptimizerState;
  /** One update; consumes `params`, `grads` and `state`, borrows `hyper`. Returns the new params and state. */
  step(params: Params, grads: Params, state: OptimizerState, hyper?: Hyper): [Params, OptimizerState];
  /** The parameters to evaluate at (Schedule-Free's x; `params` itself elsewhere). Borrows both; returns new references. */
  evalParams(params: Params, state: OptimizerState): Params;
  /** The state as JSON-safe data, bit-exact. Borrows `state`. */
  saveState(state: OptimizerState): Promise<OptimizerStateData>;
  /** State from saved data, checked against `params` (borrowed): names, shapes and dtypes must fit. */
  loadState(data: OptimizerStateData, params: Params): OptimizerState;
}
