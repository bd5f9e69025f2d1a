/**
 * Parameter initialisation with PyTorch's defaults, drawn from a seeded host generator.
 *
 * PyTorch's `Linear` and `Conv2d` call `kaiming_uniform_(weight, a=√5)`: gain = √(2 / (1 + a²)) =
 * √(1/3), bound = gain · √(3 / fan_in) = 1/√fan_in, so
 *
 *   weight ~ U(−1/√fan_in, 1/√fan_in),   bias ~ U(−1/√fan_in, 1/√fan_in),
 *
 * with fan_in = in_features (Linear) or in_channels · kernel_h · kernel_w (Conv2d). BatchNorm and
 * LayerNorm start at weight = 1, bias = 0, running_mean = 0, running_var = 1.
 *
 * The draws come from MT19937 (pure-rand's `mersenne`, seeded with the 32-bit seed) on the host,
 * in float64, then rounded to the parameter dtype: the same seed gives the same parameters on
 * every machine and backend. They are not PyTorch's numbers for the same seed (PyTorch draws from
 * its own generator); the distributions are the same.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { mersenne } from "pure-rand/generator/mersenne";
import { jax, type DType, type JaxArray } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import type { InitContext, Shape } from "./layer.js";
import { sizeOf } from "./shape.js";

const np = jax.numpy;

export interface InitOptions {
  /** Any integer; only its low 32 bits are used. Default 0. */
  seed?: number;
  /** float32 (default) or float64. */
  dtype?: DType;
}

export function initContext({ seed = 0, dtype = np.float32 }: InitOptions = {}): InitContext {
  if (!Number.isSafeInteger(seed)) throw new ConfigError(`model.seed: must be an integer; got ${seed}`, "model", "seed", seed);
  if (dtype !== np.float32 && dtype !== np.float64) {
    throw new ConfigError(`model.dtype: unsupported dtype "${dtype}"; valid: float32, float64`, "model", "dtype", dtype);
  }
  return { rng: mersenne(seed | 0), dtype };
}

/** An array of `shape` with elements drawn from U(−bound, bound) in row-major order. */
export function uniformParam(ctx: InitContext, shape: Shape, bound: number): JaxArray {
  const values = new Float64Array(sizeOf(shape));
  for (let i = 0; i < values.length; i++) values[i] = bound * (2 * uniformFloat64(ctx.rng) - 1);
  return fromValues(values, shape, ctx.dtype);
}

/** An array of `shape` filled with `value`. */
export function constantParam(shape: Shape, value: number, dtype: DType): JaxArray {
  return np.full([...shape], value, { dtype });
}

/** PyTorch's bound for Linear/Conv2d weights and biases: 1/√fan_in. */
export function fanInBound(fanIn: number): number {
  return 1 / Math.sqrt(fanIn);
}

function fromValues(values: Float64Array, shape: Shape, dtype: DType): JaxArray {
  const data = dtype === np.float64 ? values : Float32Array.from(values);
  return np.array(data, { shape: [...shape], dtype });
}
