/**
 * `Dropout(p=0.5)` as PyTorch's (inverted dropout): in train mode each element is zeroed with
 * probability p and the survivors are scaled by 1/(1 − p), so the expectation is unchanged;
 * in eval mode it is the identity. p = 1 zeroes everything.
 *
 *   y = x · m / (1 − p),   m ~ Bernoulli(1 − p) drawn from `ctx.key` (jax-js threefry)
 *
 * The same key gives the same mask; the trainer passes a fresh key per step.
 */
import { jax, type JaxArray, scalarOf } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import type { Params } from "../engine/index.js";
import type { ApplyContext, Layer, LayerOutput, Shape } from "./layer.js";

const np = jax.numpy;

export function dropout(p = 0.5): Layer {
  if (!(p >= 0 && p <= 1)) throw new ConfigError(`dropout: must be a probability in [0, 1]; got ${p}`, "model", "dropout", p);
  const name = `Dropout(p=${p})`;
  return {
    name,
    random: true,
    outputShape: (inputShape: Shape) => inputShape,
    init: (_ctx, inputShape) => ({ params: {}, buffers: {}, outputShape: inputShape }),
    apply: forward,
    applyChannelsLast: forward,
  };

  function forward(_params: Params, _buffers: Params, x: JaxArray, ctx: ApplyContext): LayerOutput {
    if (!ctx.train || p === 0) return { y: x, buffers: {} };
    if (p === 1) return { y: np.zerosLike(x), buffers: {} };
    if (!ctx.key) throw new Error(`${name}: training needs a PRNG key in ctx.key (jax.random.key(seed))`);
    const keep = jax.random.bernoulli(ctx.key.ref, 1 - p, x.shape);
    const scale = scalarOf(1 / (1 - p), x.dtype);
    return { y: np.where(keep, x.mul(scale), 0), buffers: {} };
  }
}
