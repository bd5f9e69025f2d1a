/**
 * A model: a layer bound to the shape of its examples, with seeded initialisation and a forward
 * pass that checks the batch's shape. Same ownership as `Layer.apply`: consumes x, borrows params,
 * buffers and ctx.key, returns y and new buffers owned by the caller.
 */
import type { JaxArray } from "../engine/index.js";
import type { Params } from "../engine/index.js";
import { initContext, type InitOptions } from "./init.js";
import type { ApplyContext, Layer, LayerOutput, Shape } from "./layer.js";
import { checkBatch } from "./shape.js";

export interface Model {
  readonly layer: Layer;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /** Whether `apply` draws random numbers in train mode (dropout), and so needs a fresh `ctx.key` per step. */
  readonly random: boolean;
  /** Fresh parameters and buffers drawn with `seed` (default 0) in `dtype` (default float32). */
  init(options?: InitOptions): { params: Params; buffers: Params };
  apply(params: Params, buffers: Params, x: JaxArray, ctx: ApplyContext): LayerOutput;
}

/** Binds `layer` to examples of `inputShape`; throws a ConfigError naming the shapes if they do not fit. */
export function createModelFromLayer(layer: Layer, inputShape: Shape): Model {
  const outputShape = layer.outputShape(inputShape);
  return {
    layer,
    inputShape,
    outputShape,
    random: layer.random ?? false,
    init(options) {
      const { params, buffers } = layer.init(initContext(options), inputShape);
      return { params, buffers };
    },
    apply(params, buffers, x, ctx) {
      checkBatch("model", x.shape, inputShape);
      return layer.apply(params, buffers, x, ctx);
    },
  };
}

/** The number of trainable values in `params` (PyTorch's sum(p.numel() for p in model.parameters())). */
export function countParameters(params: Params): number {
  return Object.values(params).reduce((total, p) => total + p.size, 0);
}
