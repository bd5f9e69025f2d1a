/**
 * `LayerNorm(normalized_shape, eps=1e-5)` as PyTorch's (elementwise affine): over the trailing
 * dimensions given by normalized_shape, for each example,
 *
 *   μ = mean(x),  σ² = mean((x − μ)²)   (biased),   y = (x − μ) / √(σ² + eps) · weight + bias
 *
 * with weight (1) and bias (0) of shape normalized_shape.
 */
import { jax, scalarOf } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { constantParam } from "./init.js";
import type { Layer, Shape } from "./layer.js";
import { batchError, formatShape, shapeError } from "./shape.js";

const np = jax.numpy;

export interface LayerNormOptions {
  eps?: number;
}

export function layerNorm(normalizedShape: number | readonly number[], { eps = 1e-5 }: LayerNormOptions = {}): Layer {
  const shape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
  if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new ConfigError(`normalized_shape: must be positive integers; got ${JSON.stringify(normalizedShape)}`, "model", "normalized_shape", normalizedShape);
  }
  if (!(eps > 0)) throw new ConfigError(`LayerNorm.eps: must be positive; got ${eps}`, "model", "eps", eps);
  const name = `LayerNorm(${formatShape(shape)}, eps=${eps})`;
  const fits = (dims: Shape) => dims.length >= shape.length && shape.every((d, i) => dims[dims.length - shape.length + i] === d);
  const outputShape = (inputShape: Shape): Shape => {
    if (!fits(inputShape)) throw shapeError(name, inputShape, `[..., ${shape.join(", ")}]`);
    return inputShape;
  };
  return {
    name,
    outputShape,
    init(ctx, inputShape) {
      outputShape(inputShape);
      return { params: { weight: constantParam(shape, 1, ctx.dtype), bias: constantParam(shape, 0, ctx.dtype) }, buffers: {}, outputShape: inputShape };
    },
    apply(params, _buffers, x) {
      if (x.ndim < 2 || !fits(x.shape.slice(1))) throw batchError(name, x.shape, `[batch, ..., ${shape.join(", ")}]`);
      const axes = shape.map((_, i) => x.ndim - shape.length + i);
      const mean = x.ref.mean(axes, { keepdims: true });
      const centered = x.sub(mean);
      const variance = centered.ref.mul(centered.ref).mean(axes, { keepdims: true });
      const y = centered.div(np.sqrt(variance.add(scalarOf(eps, centered.dtype)))).mul(params.weight!.ref).add(params.bias!.ref);
      return { y, buffers: {} };
    },
  };
}
