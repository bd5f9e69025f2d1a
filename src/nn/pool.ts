/**
 * `MaxPool2d` and `AvgPool2d` as PyTorch's (stride defaults to the kernel size, floor mode: a
 * trailing row or column that does not fill a window is dropped, so 13 → 6 for kernel 2), on NCHW
 * batches:
 *
 *   MaxPool2d: y[n, c, a, b] = max_{i,j} x_pad[n, c, a·s_h + i, b·s_w + j]        (padding is −∞)
 *   AvgPool2d: y[n, c, a, b] = (1/(k_h·k_w)) Σ_{i,j} x_pad[n, c, a·s_h + i, b·s_w + j]  (padding is 0,
 *              counted in the mean: PyTorch's default count_include_pad=True)
 *
 * Computed in NHWC: non-overlapping windows without padding (kernel = stride, the usual case) by
 * reshaping the cropped image to [N, OH, kh, OW, kw, C] and reducing over kh and kw (measured ~10%
 * faster for the seed CNN step than the alternative); other windows as the elementwise max (or sum)
 * of the k_h·k_w shifted strided views.
 *
 * Gradient of the max at ties: PyTorch gives it all to the first maximum of the window; here the
 * reshaped form shares it equally between the tied elements (jax's rule for reduce-max) and the
 * strided-view form gives it to the first. With real-valued activations ties have probability
 * zero, and after a ReLU the tied zeros get no gradient either way.
 */
import { jax, type JaxArray } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import type { Layer, Shape } from "./layer.js";
import { pair, type Pair } from "./args.js";
import { toChannelsFirst, toChannelsFirstShape, toChannelsLast } from "./layout.js";
import { batchError, shapeError } from "./shape.js";
import { padForWindows, windowOutput, windowViews, type Window } from "./windows.js";

const np = jax.numpy;

export interface Pool2dOptions {
  /** Default: the kernel size. */
  stride?: Pair;
  padding?: Pair;
}

export function maxPool2d(kernelSize: Pair, options: Pool2dOptions = {}): Layer {
  return pool2d("MaxPool2d", kernelSize, options, {
    views: (views) => tree(views, (a, b) => np.maximum(a, b)),
    blocks: (blocks) => blocks.max([2, 4]),
    fill: "-inf",
  });
}

export function avgPool2d(kernelSize: Pair, options: Pool2dOptions = {}): Layer {
  return pool2d("AvgPool2d", kernelSize, options, {
    views: (views) => {
      const count = views.length;
      return tree(views, (a, b) => a.add(b)).div(count);
    },
    blocks: (blocks) => blocks.mean([2, 4]),
    fill: 0,
  });
}

/**
 * How a pool reduces its windows: `blocks` for non-overlapping windows without padding (the image
 * cropped and reshaped to [N, OH, kh, OW, kw, C], reduced over kh and kw: the fastest form), else
 * `views`, the k_h·k_w strided views combined elementwise.
 */
interface Reduction {
  views: (views: JaxArray[]) => JaxArray;
  blocks: (blocks: JaxArray) => JaxArray;
  fill: 0 | "-inf";
}

function pool2d(kind: string, kernelSize: Pair, { stride, padding = 0 }: Pool2dOptions, reduction: Reduction): Layer {
  const kernel = pair("kernel_size", kernelSize, 1);
  const window: Window = { kernel, stride: pair("stride", stride ?? kernel, 1), padding: pair("padding", padding, 0) };
  const name = `${kind}(kernel_size=${kernel.join("x")}, stride=${window.stride.join("x")}, padding=${window.padding.join("x")})`;
  if (window.padding.some((p, i) => 2 * p > kernel[i]!)) {
    throw new ConfigError(`${name}: padding should be at most half of the kernel size; got padding ${JSON.stringify(padding)}`, "model", "padding", padding);
  }
  const outputShape = (inputShape: Shape): Shape => {
    const [c, h, w] = inputShape as [number, number, number];
    const [oh, ow] = inputShape.length === 3 ? windowOutput(h, w, window) : [0, 0];
    if (inputShape.length !== 3 || oh < 1 || ow < 1) throw shapeError(name, inputShape, `[C, H, W] with H + 2·${window.padding[0]} ≥ ${kernel[0]} and W + 2·${window.padding[1]} ≥ ${kernel[1]}`);
    return [c, oh, ow];
  };
  const applyChannelsLast: Layer["apply"] = (_params, _buffers, x) => {
    if (x.ndim !== 4) throw batchError(name, toChannelsFirstShape(x.shape), "[batch, C, H, W]");
    const [, h, w, c] = x.shape as [number, number, number, number];
    const [, oh, ow] = outputShape([c, h, w]);
    const [kh, kw] = kernel;
    if (kh === window.stride[0] && kw === window.stride[1] && window.padding[0] + window.padding[1] === 0) {
      const n = x.shape[0]!;
      const blocks = x.slice([], [0, oh! * kh], [0, ow! * kw], []).reshape([n, oh!, kh, ow!, kw, c]);
      return { y: reduction.blocks(blocks), buffers: {} };
    }
    return { y: reduction.views(windowViews(padForWindows(x, window, reduction.fill), window, oh!, ow!)), buffers: {} };
  };
  return {
    name,
    outputShape,
    init: (_ctx, inputShape) => ({ params: {}, buffers: {}, outputShape: outputShape(inputShape) }),
    apply(params, buffers, x, ctx) {
      if (x.ndim !== 4) throw batchError(name, x.shape, "[batch, C, H, W]");
      return { y: toChannelsFirst(applyChannelsLast(params, buffers, toChannelsLast(x), ctx).y), buffers: {} };
    },
    applyChannelsLast,
  };
}

/** Combines the arrays pairwise as a balanced tree (shallower expressions for the fused kernel). */
function tree(arrays: JaxArray[], combine: (a: JaxArray, b: JaxArray) => JaxArray): JaxArray {
  let level = arrays;
  while (level.length > 1) {
    const next: JaxArray[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(combine(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}
