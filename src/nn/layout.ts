/**
 * Image layouts. The public layout is PyTorch's NCHW; image layers compute in NHWC (channels last),
 * and `sequential` keeps batches in NHWC between consecutive image layers. Inside `jit` these
 * transposes are views.
 */
import type { JaxArray } from "../engine/index.js";
import type { Shape } from "./layer.js";

/** NCHW → NHWC view; consumes x. */
export function toChannelsLast(x: JaxArray): JaxArray {
  return x.ndim === 4 ? x.transpose([0, 2, 3, 1]) : x;
}

/** NHWC → NCHW view; consumes x. */
export function toChannelsFirst(x: JaxArray): JaxArray {
  return x.ndim === 4 ? x.transpose([0, 3, 1, 2]) : x;
}

export function toChannelsFirstShape(shape: Shape): Shape {
  return shape.length === 4 ? [shape[0]!, shape[3]!, shape[1]!, shape[2]!] : shape;
}

