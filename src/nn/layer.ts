/**
 * What every layer and model is: a pair of pure functions over flat parameter records, jax style.
 *
 * - `init(ctx, inputShape)` draws the parameters (PyTorch's default initialisation, from a seeded
 *   host generator) and creates the buffers (BatchNorm's running statistics), both keyed by the
 *   names PyTorch's `state_dict()` would use ("weight", "0.bias", "1.running_mean").
 * - `apply(params, buffers, x, ctx)` is the forward pass. It is traceable: the trainer calls it
 *   inside `jit` and `valueAndGrad`.
 *
 * Shapes exclude the batch dimension: a layer for MNIST images has input shape [1, 28, 28] and is
 * applied to arrays of shape [batch, 1, 28, 28] (PyTorch's NCHW order for images).
 *
 * Ownership (jax-js reference counting):
 * - `apply` **consumes** `x`, **borrows** `params`, `buffers` and `ctx.key` (it takes `.ref` of
 *   what it reads), and returns `y` and a complete new `buffers` record that the caller owns (for
 *   layers without buffers an empty record; in eval mode fresh references to the same buffers).
 * - `init` returns arrays the caller owns.
 * - `outputShape` throws a `ConfigError` naming both shapes when the input does not fit the layer.
 */
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import type { DType, JaxArray } from "../engine/index.js";
import type { Params } from "../engine/index.js";

/** The shape of one example (the batch dimension left out). */
export type Shape = readonly number[];

/** Where `init` draws from: a host generator (consumed in order, like PyTorch's global one) and the dtype of the parameters. */
export interface InitContext {
  rng: RandomGenerator;
  dtype: DType;
}

export interface LayerInit {
  params: Params;
  buffers: Params;
  outputShape: Shape;
}

/** `train` selects batch statistics (BatchNorm) and dropout; `key` is the PRNG key dropout draws from (required when training a model with dropout). */
export interface ApplyContext {
  train: boolean;
  key?: JaxArray;
}

export interface LayerOutput {
  y: JaxArray;
  buffers: Params;
}

export interface Layer {
  /** PyTorch's class name with its arguments, e.g. "Conv2d(1, 32, kernel_size=3)". */
  readonly name: string;
  /** Whether `apply` draws random numbers in train mode (and so needs `ctx.key`). */
  readonly random?: boolean;
  outputShape(inputShape: Shape): Shape;
  init(ctx: InitContext, inputShape: Shape): LayerInit;
  apply(params: Params, buffers: Params, x: JaxArray, ctx: ApplyContext): LayerOutput;
  /**
   * For image layers (and elementwise ones): the same forward pass on a channels-last batch
   * [N, H, W, C], returning channels-last. `sequential` uses it to keep consecutive image layers in
   * NHWC, the layout their matmuls want (see windows.ts), instead of converting at every layer.
   */
  applyChannelsLast?(params: Params, buffers: Params, x: JaxArray, ctx: ApplyContext): LayerOutput;
}
