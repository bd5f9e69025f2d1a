/**
 * Helpers over flat parameter records and the scalars optimizer state keeps beside them.
 *
 * Scalars shared by a whole transformation (β^t products, step counts) are 0-d arrays in the
 * widest float dtype among the parameters, so a float64 model keeps them in float64 and a
 * float32-only model (e.g. on WebGPU, which has no float64) never needs float64.
 */
import { jax, type DType, type JaxArray, scalarLike } from "../../engine/index.js";
import type { Params, Scalar } from "../types.js";

const np = jax.numpy;

/** `fn` applied to every entry of `record`, keeping its keys and their order. */
export function mapParams<T, U>(record: Readonly<Record<string, T>>, fn: (value: T, name: string) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [name, value] of Object.entries(record)) out[name] = fn(value, name);
  return out;
}

/** Zeros shaped and typed like each parameter; borrows `params`. */
export function zerosLikeParams(params: Params): Params {
  return mapParams(params, (p) => np.zeros(p.shape, { dtype: p.dtype }));
}

/** `value` everywhere, shaped and typed like each parameter; borrows `params`. */
export function fullLikeParams(params: Params, value: number): Params {
  return mapParams(params, (p) => np.full(p.shape, value, { dtype: p.dtype }));
}

/** The dtype of a transformation's scalar state: float64 if any parameter is float64, else float32. */
export function scalarDtype(params: Params): DType {
  return Object.values(params).some((p) => p.dtype === np.float64) ? np.float64 : np.float32;
}

/** A 0-d array of `value` in the scalar-state dtype for `params`. */
export function scalarState(params: Params, value: number): JaxArray {
  return np.full([], value, { dtype: scalarDtype(params) });
}

/** `1 − value` as a 0-d array of `like`'s dtype; computed on the host when `value` is a number, so it rounds as PyTorch's Python float does. Borrows both. */
export function oneMinus(value: Scalar, like: JaxArray): JaxArray {
  if (typeof value === "number") return scalarLike(1 - value, like);
  return scalarLike(1, like).sub(scalarLike(value, like));
}

/** `sign(x)` in `x`'s dtype (jax-js returns float32 for float64 input). Consumes `x`. */
export function signOf(x: JaxArray): JaxArray {
  const dtype = x.dtype;
  return np.sign(x).astype(dtype);
}
