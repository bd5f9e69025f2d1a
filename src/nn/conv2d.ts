/**
 * `Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True)` as PyTorch's
 * `nn.Conv2d` (cross-correlation, zero padding, no dilation or groups), on NCHW batches:
 *
 *   y[n, o, a, b] = bias[o] + Σ_{c,i,j} weight[o, c, i, j] · x_pad[n, c, a·s_h + i, b·s_w + j]
 *
 * with output size ⌊(H + 2p_h − k_h)/s_h⌋ + 1 (and likewise for the width). Weight [out, in, kh, kw],
 * bias [out]; initialisation U(−1/√fan_in, 1/√fan_in) with fan_in = in · kh · kw (see init.ts).
 *
 * Computed as im2col + one matmul in NHWC (see windows.ts for why): the NCHW input is viewed as
 * NHWC, the patches P [N·OH·OW, K′] multiply the weight rearranged as [out, (i, j, c)], and the
 * result is viewed back as NCHW. Inside `jit` the layout changes are views, so consecutive layers hand NHWC
 * data to each other.
 */
import { jax, type JaxArray } from "../engine/index.js";
import { checkPositiveInt, pair, type Pair } from "./args.js";
import { fanInBound, uniformParam } from "./init.js";
import type { Params } from "../optim/types.js";
import type { Layer, Shape } from "./layer.js";
import { toChannelsFirst, toChannelsFirstShape, toChannelsLast } from "./layout.js";
import { batchError, shapeError } from "./shape.js";
import { im2col, padForWindows, windowOutput, type Window } from "./windows.js";

const np = jax.numpy;

export interface Conv2dOptions {
  stride?: Pair;
  padding?: Pair;
  bias?: boolean;
}

export function conv2d(inChannels: number, outChannels: number, kernelSize: Pair, { stride = 1, padding = 0, bias = true }: Conv2dOptions = {}): Layer {
  checkPositiveInt("in_channels", inChannels);
  checkPositiveInt("out_channels", outChannels);
  const window: Window = { kernel: pair("kernel_size", kernelSize, 1), stride: pair("stride", stride, 1), padding: pair("padding", padding, 0) };
  const name = `Conv2d(${inChannels}, ${outChannels}, kernel_size=${show(window.kernel)}, stride=${show(window.stride)}, padding=${show(window.padding)}${bias ? "" : ", bias=False"})`;
  const fanIn = inChannels * window.kernel[0] * window.kernel[1];
  const columns = Math.ceil(fanIn / 4) * 4;
  const outputShape = (inputShape: Shape): Shape => {
    const [c, h, w] = inputShape as [number, number, number];
    const [oh, ow] = inputShape.length === 3 ? windowOutput(h, w, window) : [0, 0];
    if (inputShape.length !== 3 || c !== inChannels || oh < 1 || ow < 1) {
      throw shapeError(name, inputShape, `[${inChannels}, H, W] with H + 2·${window.padding[0]} ≥ ${window.kernel[0]} and W + 2·${window.padding[1]} ≥ ${window.kernel[1]}`);
    }
    return [outChannels, oh, ow];
  };
  const applyChannelsLast: Layer["apply"] = (params, _buffers, x) => {
    if (x.ndim !== 4 || x.shape[3] !== inChannels) throw batchError(name, toChannelsFirstShape(x.shape), `[batch, ${inChannels}, H, W]`);
    return { y: conv2dNhwc(x, params.weight!, bias ? params.bias : undefined, window, columns), buffers: {} };
  };
  return {
    name,
    outputShape,
    init(ctx, inputShape) {
      const shape = outputShape(inputShape);
      const bound = fanInBound(fanIn);
      const params: Params = { weight: uniformParam(ctx, [outChannels, inChannels, ...window.kernel], bound) };
      if (bias) params.bias = uniformParam(ctx, [outChannels], bound);
      return { params, buffers: {}, outputShape: shape };
    },
    apply: (params, buffers, x, ctx) => ({ y: toChannelsFirst(applyChannelsLast(params, buffers, toChannelsLast(x), ctx).y), buffers: {} }),
    applyChannelsLast,
  };
}

/**
 * Convolution of an NHWC batch with a PyTorch-layout weight [O, C, kh, kw]: returns NHWC
 * [N, OH, OW, O]. `columns` is K′ (K = C·kh·kw rounded up to a multiple of 4). Consumes x, borrows
 * weight and bias.
 */
export function conv2dNhwc(x: JaxArray, weight: JaxArray, bias: JaxArray | undefined, window: Window, columns: number): JaxArray {
  const [n, h, w] = x.shape as [number, number, number, number];
  const [oh, ow] = windowOutput(h, w, window);
  const outChannels = weight.shape[0]!;
  const patches = im2col(padForWindows(x, window), window, oh, ow, columns).reshape([n * oh * ow, columns]);
  let y = np.matmul(patches, weightColumns(weight, columns).transpose());
  if (bias) y = y.add(bias.ref);
  return y.reshape([n, oh, ow, outChannels]);
}

/**
 * The weight [O, C, kh, kw] as the matrix [O, K′] whose columns follow the patches' (i, j, c) order,
 * zero-padded to K′ columns. Built by concatenating the kh·kw slices weight[:, :, i, j] rather than
 * as a transposed view: jax-js then materialises it contiguously, which the matmul needs to
 * vectorise (a transposed view read in place made the forward-only conv ~20× slower). Borrows
 * weight.
 */
function weightColumns(weight: JaxArray, columns: number): JaxArray {
  const [o, c, kh, kw] = weight.shape as [number, number, number, number];
  const slices: JaxArray[] = [];
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) slices.push(weight.ref.slice([], [], i, j));
  if (columns > c * kh * kw) slices.push(np.zeros([o, columns - c * kh * kw], { dtype: weight.dtype }));
  return np.concatenate(slices, 1);
}

function show([a, b]: [number, number]): string {
  return `(${a}, ${b})`;
}
