/**
 * `Linear(in_features, out_features, bias=True)`: y = x · Wᵀ + b over the last axis, as PyTorch's
 * `nn.Linear`, with weight of shape [out_features, in_features] and bias [out_features].
 * Initialisation: weight, bias ~ U(−1/√in_features, 1/√in_features) (see init.ts).
 */
import { jax, type JaxArray } from "../engine/index.js";
import { checkPositiveInt } from "./args.js";
import { fanInBound, uniformParam } from "./init.js";
import type { Params } from "../engine/index.js";
import type { Layer, Shape } from "./layer.js";
import { batchError, shapeError } from "./shape.js";

const np = jax.numpy;

export interface LinearOptions {
  bias?: boolean;
}

export function linear(inFeatures: number, outFeatures: number, { bias = true }: LinearOptions = {}): Layer {
  checkPositiveInt("in_features", inFeatures);
  checkPositiveInt("out_features", outFeatures);
  const name = `Linear(in_features=${inFeatures}, out_features=${outFeatures}, bias=${bias ? "True" : "False"})`;
  const outputShape = (inputShape: Shape): Shape => {
    if (inputShape.length === 0 || inputShape[inputShape.length - 1] !== inFeatures) {
      throw shapeError(name, inputShape, `[..., ${inFeatures}]`);
    }
    return [...inputShape.slice(0, -1), outFeatures];
  };
  return {
    name,
    outputShape,
    init(ctx, inputShape) {
      const shape = outputShape(inputShape);
      const bound = fanInBound(inFeatures);
      const params: Params = { weight: uniformParam(ctx, [outFeatures, inFeatures], bound) };
      if (bias) params.bias = uniformParam(ctx, [outFeatures], bound);
      return { params, buffers: {}, outputShape: shape };
    },
    apply(params, _buffers, x) {
      if (x.ndim < 2 || x.shape[x.ndim - 1] !== inFeatures) throw batchError(name, x.shape, `[batch, ..., ${inFeatures}]`);
      return { y: affine(x, params.weight!, bias ? params.bias : undefined), buffers: {} };
    },
  };
}

/** x · Wᵀ + b for x of shape [..., in]; consumes x, borrows weight and bias. */
function affine(x: JaxArray, weight: JaxArray, bias: JaxArray | undefined): JaxArray {
  const lead = x.shape.slice(0, -1);
  const flat = lead.length === 1 ? x : x.reshape([-1, x.shape[x.ndim - 1]!]);
  let y = np.matmul(flat, weight.ref.transpose());
  if (bias) y = y.add(bias.ref);
  return lead.length === 1 ? y : y.reshape([...lead, weight.shape[0]!]);
}
