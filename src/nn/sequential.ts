/**
 * `Sequential(layer0, layer1, …)`: applies the layers in order. Parameters and buffers of child i
 * are named "i.<name>" ("0.weight", "3.running_mean"), as PyTorch's `nn.Sequential` state_dict.
 *
 * Layout: consecutive layers with `applyChannelsLast` (convolutions, pools, BatchNorm2d,
 * activations, dropout) exchange NHWC batches; the batch is transposed from NCHW before the first
 * of them and back before the next layer without it (Flatten, Linear), so the flattened feature
 * order is PyTorch's.
 *
 * Dropout keys: in train mode the `ctx.key` is split (jax.random.split) into one key per child
 * that draws random numbers, in order, so two dropout layers never share a mask.
 */
import { jax, type JaxArray } from "../engine/index.js";
import type { Params } from "../engine/index.js";
import type { ApplyContext, Layer, LayerInit, Shape } from "./layer.js";
import { toChannelsFirst, toChannelsLast } from "./layout.js";

export function sequential(...layers: Layer[]): Layer & { readonly layers: readonly Layer[] } {
  const random = layers.some((l) => l.random);
  return {
    name: `Sequential(${layers.map((l, i) => `(${i}): ${l.name}`).join(", ")})`,
    layers,
    random,
    outputShape: (inputShape: Shape) => layers.reduce((shape, layer) => layer.outputShape(shape), inputShape),
    init(ctx, inputShape): LayerInit {
      const params: Params = {};
      const buffers: Params = {};
      let shape = inputShape;
      layers.forEach((layer, i) => {
        const child = layer.init(ctx, shape);
        Object.assign(params, prefixed(child.params, i));
        Object.assign(buffers, prefixed(child.buffers, i));
        shape = child.outputShape;
      });
      return { params, buffers, outputShape: shape };
    },
    apply(params, buffers, x, ctx) {
      const keys = random && ctx.train && ctx.key ? childKeys(ctx.key, layers) : [];
      const newBuffers: Params = {};
      let y = x;
      let channelsLast = false;
      try {
        layers.forEach((layer, i) => {
          const childCtx: ApplyContext = keys[i] ? { train: ctx.train, key: keys[i] } : { train: ctx.train };
          const useChannelsLast = y.ndim === 4 && layer.applyChannelsLast !== undefined;
          if (useChannelsLast !== channelsLast) y = useChannelsLast ? toChannelsLast(y) : toChannelsFirst(y);
          channelsLast = useChannelsLast;
          const forward = useChannelsLast ? layer.applyChannelsLast! : layer.apply;
          const out = forward(unprefixed(params, i), unprefixed(buffers, i), y, childCtx);
          y = out.y;
          Object.assign(newBuffers, prefixed(out.buffers, i));
        });
      } finally {
        for (const key of keys) key?.dispose();
      }
      return { y: channelsLast ? toChannelsFirst(y) : y, buffers: newBuffers };
    },
  };
}

/** One key per child that draws random numbers (undefined for the others); borrows `key`. */
function childKeys(key: JaxArray, layers: Layer[]): (JaxArray | undefined)[] {
  const count = layers.filter((l) => l.random).length;
  const split = jax.random.split(key.ref, count);
  let next = 0;
  const keys = layers.map((l) => (l.random ? split.ref.slice(next++) : undefined));
  split.dispose();
  return keys;
}

function prefixed(record: Params, index: number): Params {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [`${index}.${k}`, v]));
}

function unprefixed(record: Params, index: number): Params {
  const prefix = `${index}.`;
  const out: Params = {};
  for (const [k, v] of Object.entries(record)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}
