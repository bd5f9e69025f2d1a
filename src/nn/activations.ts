/**
 * Elementwise activation layers (no parameters), with PyTorch's definitions and defaults:
 *
 *   ReLU(x)          = max(x, 0)
 *   LeakyReLU(x)     = x if x ≥ 0 else negative_slope · x          (negative_slope = 0.01)
 *   GELU(x)          = x · Φ(x) = x/2 · (1 + erf(x/√2))             (approximate = "none", PyTorch's default)
 *                    ≈ x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³)))   (approximate = "tanh")
 *   Tanh(x)          = tanh(x)
 *   Sigmoid(x)       = 1 / (1 + e^(−x))
 *
 * GELU's exact form uses jax-js's `erfc` (x/2 · erfc(−x/√2)), which is float32-accurate.
 */
import { jax, type JaxArray, scalarOf } from "../engine/index.js";
import type { Layer, Shape } from "./layer.js";

const nn = jax.nn;

function elementwise(name: string, fn: (x: JaxArray) => JaxArray): Layer {
  return {
    name,
    outputShape: (inputShape: Shape) => inputShape,
    init: (_ctx, inputShape) => ({ params: {}, buffers: {}, outputShape: inputShape }),
    apply: (_params, _buffers, x) => ({ y: fn(x), buffers: {} }),
    applyChannelsLast: (_params, _buffers, x) => ({ y: fn(x), buffers: {} }),
  };
}

export function relu(): Layer {
  return elementwise("ReLU()", (x) => nn.relu(x));
}

export function leakyRelu(negativeSlope = 0.01): Layer {
  return elementwise(`LeakyReLU(negative_slope=${negativeSlope})`, (x) => {
    const slope = scalarOf(negativeSlope, x.dtype);
    return jax.numpy.where(x.ref.greaterEqual(0), x.ref, x.mul(slope));
  });
}

export type GeluApproximation = "none" | "tanh";

export function gelu(approximate: GeluApproximation = "none"): Layer {
  return elementwise(`GELU(approximate='${approximate}')`, (x) => nn.gelu(x, { approximate: approximate === "tanh" }));
}

export function tanh(): Layer {
  return elementwise("Tanh()", (x) => jax.numpy.tanh(x));
}

export function sigmoid(): Layer {
  return elementwise("Sigmoid()", (x) => nn.sigmoid(x));
}
