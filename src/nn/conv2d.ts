/**
 * `Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True)` as PyTorch's
 * `nn.Conv2d` (cross-correlation, zero padding, no dilation or groups), on NCHW batches:
 *
 *   y[n, o, a, b] = bias[o] + Σ_{c,i,j} weight[o, c, i, j] · x_pad[n, c, a·s_h + i, b·s_w + j]
 *
 * with output size ⌊(H + 2p_h − k_h)/s_h⌋ + 1 (and likewise for the width). Weight [out, in, kh, kw],
 * bias [out]; initialisation U(−1/√fan_in, 1/√fan_in) with fan_in = in · kh · kw (see init.ts).
 *
 * Computed in NHWC with matmuls (see windows.ts for why): the NCHW input is viewed as NHWC and the
 * result is viewed back as NCHW. Inside `jit` the layout changes are views, so consecutive layers
 * hand NHWC data to each other. Two lowerings, by the width kw·C of one kernel row:
 *
 * - kw·C a multiple of 4 (e.g. 3×3 over 32 channels): one matmul per kernel row i. The kw column
 *   shifts of the image are concatenated once into S [N, H′, OW, kw·C]; the rows a·s_h + i of S are
 *   a view R_i [N, OH, OW, kw·C] read contiguously along kw·C, and y = Σ_i R_i · W_iᵀ with
 *   W_i = weight[:, :, i, :] arranged as [out, (j, c)], batched over (N, OH). No patch matrix is
 *   built, and its gradient comes back as kh slabs that the slicing's transpose adds into dS.
 *   R_i stays 4-D on purpose: flattened to [N·OH·OW, kw·C] it is a view jax-js can only index with
 *   divisions, and a forward-only pass (evaluation), which reads the view inside the matmul
 *   instead of materialising it, then ran ~30× slower (12 s instead of 1.1 s for 3,000 MNIST
 *   images through the seed CNN).
 * - otherwise (e.g. one input channel): im2col + one matmul, the patches P [N·OH·OW, K′] times the
 *   weight rearranged as [out, (i, j, c)], K′ = kh·kw·C padded to a multiple of 4.
 *
 * Seed CNN (conv 1→32, 32→64), Adam step at batch 64, one thread: 70–73 ms with im2col for both
 * convolutions, 56–58 ms with the row matmuls for the second (its three products take the time
 * the patch matrix's concatenation, 11.6 ms, and the slicing of its gradient, 3 ms, took).
 */
import { jax, type JaxArray } from "../engine/index.js";
import { checkPositiveInt, pair, type Pair } from "./args.js";
import { fanInBound, uniformParam } from "./init.js";
import type { Params } from "../engine/index.js";
import type { Layer, Shape } from "./layer.js";
import { toChannelsFirst, toChannelsFirstShape, toChannelsLast } from "./layout.js";
import { batchError, shapeError } from "./shape.js";
import { columnShifts, im2col, padForWindows, stridedSlice, windowOutput, type Window } from "./windows.js";

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
 * [N, OH, OW, O]. `columns` is K′ (K = C·kh·kw rounded up to a multiple of 4) for the im2col lowering. Consumes x, borrows
 * weight and bias.
 */
export function conv2dNhwc(x: JaxArray, weight: JaxArray, bias: JaxArray | undefined, window: Window, columns: number): JaxArray {
  const [n, h, w] = x.shape as [number, number, number, number];
  const [oh, ow] = windowOutput(h, w, window);
  const outChannels = weight.shape[0]!;
  const [kh, kw] = window.kernel;
  const c = x.shape[3]!;
  let y: JaxArray;
  if ((kw * c) % 4 === 0) {
    const shifts = columnShifts(padForWindows(x, window), window, ow);
    const products: JaxArray[] = [];
    for (let i = 0; i < kh; i++) products.push(np.matmul(stridedSlice(shifts.ref, 1, i, window.stride[0], oh), rowWeight(weight, i).transpose()));
    shifts.dispose();
    y = products.reduce((sum, product) => sum.add(product));
  } else {
    const patches = im2col(padForWindows(x, window), window, oh, ow, columns).reshape([n * oh * ow, columns]);
    y = np.matmul(patches, weightColumns(weight, columns).transpose()).reshape([n, oh, ow, outChannels]);
  }
  return bias ? y.add(bias.ref) : y;
}

/** The slices weight[:, :, i, j] ([O, C] each) of the kernel rows `rows`, in (i, j) order. Borrows weight. */
function weightSlices(weight: JaxArray, rows: number[]): JaxArray[] {
  const kw = weight.shape[3]!;
  return rows.flatMap((i) => Array.from({ length: kw }, (_, j) => weight.ref.slice([], [], i, j)));
}

/** weight[:, :, i, :] as [O, kw·C] in (j, c) order, materialised by concatenation (see weightColumns). Borrows weight. */
function rowWeight(weight: JaxArray, i: number): JaxArray {
  return np.concatenate(weightSlices(weight, [i]), 1);
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
  const slices = weightSlices(weight, Array.from({ length: kh }, (_, i) => i));
  if (columns > c * kh * kw) slices.push(np.zeros([o, columns - c * kh * kw], { dtype: weight.dtype }));
  return np.concatenate(slices, 1);
}

function show([a, b]: [number, number]): string {
  return `(${a}, ${b})`;
}
