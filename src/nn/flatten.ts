/**
 * `Flatten()` as PyTorch's default (start_dim = 1): [batch, d1, …, dk] → [batch, d1 · … · dk],
 * in row-major (C) order, so a Linear after it sees features in PyTorch's order.
 */
import type { Layer, Shape } from "./layer.js";
import { sizeOf } from "./shape.js";

export function flatten(): Layer {
  const outputShape = (inputShape: Shape): Shape => [sizeOf(inputShape)];
  return {
    name: "Flatten()",
    outputShape,
    init: (_ctx, inputShape) => ({ params: {}, buffers: {}, outputShape: outputShape(inputShape) }),
    apply: (_params, _buffers, x) => ({ y: x.reshape([x.shape[0]!, -1]), buffers: {} }),
  };
}
