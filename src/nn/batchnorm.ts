/**
 * `BatchNorm1d(num_features)` and `BatchNorm2d(num_features)` as PyTorch's (eps = 1e-5,
 * momentum = 0.1, affine, tracking running statistics). Per channel c, over the batch (and the
 * length, or height and width):
 *
 *   train:  μ = mean(x),  σ² = mean((x − μ)²)                      (biased, used to normalise)
 *           y = (x − μ) / √(σ² + eps) · weight + bias
 *           running_mean ← (1 − momentum) · running_mean + momentum · μ
 *           running_var  ← (1 − momentum) · running_var  + momentum · σ² · n/(n − 1)   (unbiased)
 *           num_batches_tracked ← num_batches_tracked + 1
 *   eval:   y = (x − running_mean) / √(running_var + eps) · weight + bias
 *
 * where n is the number of values per channel. Parameters weight (1) and bias (0); buffers
 * running_mean (0), running_var (1) and num_batches_tracked (int32 0; PyTorch's is int64), the
 * names of PyTorch's state_dict. Training on one value per channel is an error, as in PyTorch.
 */
import { jax, type JaxArray, scalarOf } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import type { Params } from "../engine/index.js";
import { constantParam } from "./init.js";
import type { ApplyContext, Layer, LayerOutput, Shape } from "./layer.js";
import { toChannelsFirstShape } from "./layout.js";
import { checkPositiveInt } from "./args.js";
import { batchError, shapeError } from "./shape.js";

const np = jax.numpy;

export interface BatchNormOptions {
  eps?: number;
  momentum?: number;
}

export function batchNorm1d(numFeatures: number, options: BatchNormOptions = {}): Layer {
  return batchNorm("BatchNorm1d", [2, 3], numFeatures, options);
}

export function batchNorm2d(numFeatures: number, options: BatchNormOptions = {}): Layer {
  return batchNorm("BatchNorm2d", [4], numFeatures, options);
}

function batchNorm(kind: string, ranks: number[], numFeatures: number, { eps = 1e-5, momentum = 0.1 }: BatchNormOptions): Layer {
  checkPositiveInt("num_features", numFeatures);
  if (!(momentum >= 0 && momentum <= 1)) throw new ConfigError(`${kind}.momentum: must be in [0, 1]; got ${momentum}`, "model", "momentum", momentum);
  if (!(eps > 0)) throw new ConfigError(`${kind}.eps: must be positive; got ${eps}`, "model", "eps", eps);
  const name = `${kind}(${numFeatures}, eps=${eps}, momentum=${momentum})`;
  const expected = (lead: string) => ranks.map((r) => `[${lead}${numFeatures}${", ·".repeat(r - 2)}]`).join(" or ");
  const outputShape = (inputShape: Shape): Shape => {
    if (!ranks.includes(inputShape.length + 1) || inputShape[0] !== numFeatures) throw shapeError(name, inputShape, expected(""));
    return inputShape;
  };
  return {
    name,
    outputShape,
    init(ctx, inputShape) {
      outputShape(inputShape);
      const params = { weight: constantParam([numFeatures], 1, ctx.dtype), bias: constantParam([numFeatures], 0, ctx.dtype) };
      const buffers = {
        running_mean: constantParam([numFeatures], 0, ctx.dtype),
        running_var: constantParam([numFeatures], 1, ctx.dtype),
        num_batches_tracked: constantParam([], 0, np.int32),
      };
      return { params, buffers, outputShape: inputShape };
    },
    apply(params, buffers, x, ctx) {
      if (!ranks.includes(x.ndim) || x.shape[1] !== numFeatures) throw batchError(name, x.shape, expected("batch, "));
      return normalize(params, buffers, x, ctx, 1);
    },
    ...(ranks.includes(4)
      ? {
          applyChannelsLast(params: Params, buffers: Params, x: JaxArray, ctx: ApplyContext) {
            if (x.ndim !== 4 || x.shape[3] !== numFeatures) throw batchError(name, toChannelsFirstShape(x.shape), expected("batch, "));
            return normalize(params, buffers, x, ctx, 3);
          },
        }
      : {}),
  };

  /** The batch norm of x whose channels lie along `axis` (1 for NC…, 3 for NHWC). */
  function normalize(params: Params, buffers: Params, x: JaxArray, ctx: ApplyContext, axis: number): LayerOutput {
    const axes = x.shape.map((_, a) => a).filter((a) => a !== axis);
    const perChannel = (v: JaxArray) => v.reshape(x.shape.map((d, a) => (a === axis ? d : 1)));
    const epsilon = scalarOf(eps, x.dtype);
    const scaleShift = (centered: JaxArray, variance: JaxArray) =>
      centered
        .div(perChannel(np.sqrt(variance.add(epsilon))))
        .mul(perChannel(params.weight!.ref))
        .add(perChannel(params.bias!.ref));
    if (!ctx.train) {
      const y = scaleShift(x.sub(perChannel(buffers.running_mean!.ref)), buffers.running_var!.ref);
      return { y, buffers: refAll(buffers) };
    }
    const n = axes.reduce((count, a) => count * x.shape[a]!, 1);
    if (n < 2) throw batchError(name, x.shape, "more than 1 value per channel when training");
    const mean = x.ref.mean(axes);
    const centered = x.sub(perChannel(mean.ref));
    const variance = centered.ref.mul(centered.ref).mean(axes);
    const m = scalarOf(momentum, x.dtype);
    const keep = scalarOf(1 - momentum, x.dtype);
    const unbias = scalarOf((momentum * n) / (n - 1), x.dtype);
    const updated = {
      running_mean: buffers.running_mean!.ref.mul(keep.ref).add(mean.mul(m)),
      running_var: buffers.running_var!.ref.mul(keep).add(variance.ref.mul(unbias)),
      num_batches_tracked: buffers.num_batches_tracked!.ref.add(1),
    };
    return { y: scaleShift(centered, variance), buffers: updated };
  }
}

function refAll(buffers: Params): Params {
  return Object.fromEntries(Object.entries(buffers).map(([k, v]) => [k, v.ref]));
}
