/**
 * Muon's orthogonalisation (Jordan et al. 2024, "Muon: An optimizer for hidden layers in neural
 * networks"): each matrix update is replaced by an approximation of UVᵀ, where UΣVᵀ is its SVD,
 * computed by a quintic Newton–Schulz iteration as `torch.optim.Muon` and Keller Jordan's
 * reference do:
 *
 *     X ← G (transposed if it has more rows than columns, so X Xᵀ is the smaller Gram matrix)
 *     X ← X / (‖X‖_F + ε)                       (spectral norm ≤ 1)
 *     repeat k times:
 *         A ← X Xᵀ
 *         B ← b·A + c·A·A
 *         X ← a·X + B·X
 *     u ← X (transposed back)
 *
 * Each iteration maps every singular value σ through p(σ) = aσ + bσ³ + cσ⁵. The coefficients
 * (a, b, c) = (3.4445, −4.7750, 2.0315) maximise the slope at 0 instead of converging to 1, so five
 * iterations leave the singular values in a band around 1 (about [0.68, 1.13]) rather than at 1.
 *
 * A tensor with more than two axes (a conv kernel [out, in, kh, kw]) is orthogonalised as the
 * matrix [out, in·kh·kw] and reshaped back, as Keller Jordan's Muon does. The iteration runs in
 * the parameter's dtype (the reference uses bfloat16).
 */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import type { GradientTransformation } from "../types.js";
import { mapParams } from "./params.js";

const np = jax.numpy;

export interface NewtonSchulzOptions {
  /** (a, b, c) of p(σ) = aσ + bσ³ + cσ⁵. */
  coefficients: readonly [number, number, number];
  steps: number;
  eps: number;
}

/** The [rows, cols] a tensor is orthogonalised as: its first axis by the product of the others. */
export function matrixShape(shape: readonly number[]): [number, number] {
  return [shape[0]!, shape.slice(1).reduce((a, b) => a * b, 1)];
}

/** The Newton–Schulz approximation of UVᵀ for a matrix `g` (see the module docstring). Consumes `g`. */
export function newtonSchulz(g: JaxArray, { coefficients: [a, b, c], steps, eps }: NewtonSchulzOptions): JaxArray {
  const tall = g.shape[0]! > g.shape[1]!;
  let x = tall ? g.transpose() : g;
  const norm = np.sqrt(x.ref.mul(x.ref).sum());
  x = x.div(norm.add(scalarLike(eps, x)));
  for (let i = 0; i < steps; i++) {
    const gram = np.matmul(x.ref, x.ref.transpose());
    const poly = gram.ref.mul(scalarLike(b, gram)).add(np.matmul(gram.ref, gram).mul(scalarLike(c, x)));
    x = x.ref.mul(scalarLike(a, x)).add(np.matmul(poly, x));
  }
  return tall ? x.transpose() : x;
}

/** u ← NS(u) per tensor, flattened to [rows, cols] and back. Stateless. */
export function orthogonalize(options: NewtonSchulzOptions): GradientTransformation<Record<string, never>> {
  return {
    init: () => ({}),
    update: (updates, state) => [mapParams(updates, (u) => newtonSchulz(u.reshape(matrixShape(u.shape)), options).reshape(u.shape)), state],
  };
}
