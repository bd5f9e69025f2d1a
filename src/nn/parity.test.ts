/**
 * Parity with PyTorch 1.13 for every layer and loss: forward values, gradients (by jax.grad) and
 * BatchNorm's running statistics, from test/fixtures/nn.json (made by scripts/fixtures/nn.py).
 * float32 inside `jit` (as the trainer runs them) at float32 tolerance; the cases without
 * exp/log/erf/tanh also eagerly in float64 at a tight tolerance (jax-js float64 arithmetic is
 * exact there).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { jax, type DType, type JaxArray } from "../engine/index.js";
import type { Params } from "../engine/index.js";
import {
  avgPool2d,
  batchNorm1d,
  batchNorm2d,
  conv2d,
  createLoss,
  flatten,
  gelu,
  layerNorm,
  leakyRelu,
  linear,
  maxPool2d,
  relu,
  sequential,
  sigmoid,
  tanh,
  type Layer,
} from "./index.js";

const np = jax.numpy;

interface Tensor {
  shape: number[];
  data: number[];
}

interface LayerCase {
  name: string;
  layer: { kind: string; args: unknown[]; options?: Record<string, unknown> };
  train: boolean;
  exact: boolean;
  x: Tensor;
  params: Record<string, Tensor>;
  buffers: Record<string, Tensor>;
  y: Tensor;
  cotangent: Tensor;
  grads: Record<string, Tensor>;
  buffersAfter: Record<string, Tensor>;
}

interface LossCase {
  name: string;
  loss: unknown;
  prediction: Tensor;
  target: Tensor;
  labels: boolean;
  value: number;
  grad: Tensor;
}

const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../test/fixtures/nn.json"), "utf8")) as {
  layers: LayerCase[];
  losses: LossCase[];
};

const factories: Record<string, (...args: never[]) => Layer> = {
  linear,
  conv2d,
  maxPool2d,
  avgPool2d,
  batchNorm1d,
  batchNorm2d,
  layerNorm,
  gelu,
  leakyRelu,
  relu,
  tanh,
  sigmoid,
  flatten,
  smallCnn: () =>
    sequential(conv2d(2, 4, 3), relu(), maxPool2d(2), conv2d(4, 6, 3, { padding: 1 }), batchNorm2d(6), relu(), avgPool2d(2), flatten(), linear(24, 3)),
};

function build({ kind, args, options }: LayerCase["layer"]): Layer {
  const factory = factories[kind] as ((...a: unknown[]) => Layer) | undefined;
  if (!factory) throw new Error(`no factory for ${kind}`);
  return options ? factory(...args, options) : factory(...args);
}

/** The fixture's float32 values (rounded back from their 9 printed digits) as an array of `dtype`. */
function toArray(t: Tensor, dtype: DType): JaxArray {
  const values = dtype === np.float64 ? Float64Array.from(t.data, Math.fround) : Float32Array.from(t.data);
  return np.array(values, { shape: t.shape, dtype });
}

function toArrays(record: Record<string, Tensor>, dtype: DType): Params {
  return Object.fromEntries(
    Object.entries(record).map(([k, t]) => [k, k.endsWith("num_batches_tracked") ? np.array(t.data, { shape: t.shape, dtype: np.int32 }) : toArray(t, dtype)]),
  );
}

const tolerance = { float32: { rtol: 2e-5, atol: 2e-6 }, float64: { rtol: 1e-8, atol: 1e-10 } } as const;

/** Checks |a − e| ≤ atol·scale + rtol·|e| elementwise, with scale = max|e| (sums lose precision relative to their largest term). */
async function expectClose(actual: JaxArray, expected: Tensor, dtype: DType, what: string): Promise<void> {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  const values = Array.from(await actual.data(), Number);
  const { rtol, atol } = tolerance[dtype === np.float64 ? "float64" : "float32"];
  const scale = Math.max(1, ...expected.data.map(Math.abs));
  let worst = 0;
  let at = -1;
  values.forEach((v, i) => {
    const e = expected.data[i]!;
    const excess = Math.abs(v - e) / (atol * scale + rtol * Math.abs(e));
    if (!(excess <= worst)) [worst, at] = [excess, i];
  });
  expect(worst, `${what}: worst at ${at}: ${values[at]} vs ${expected.data[at]}`).toBeLessThanOrEqual(1);
}

describe("layers match PyTorch", () => {
  for (const c of fixture.layers) {
    for (const dtype of c.exact ? [np.float32, np.float64] : [np.float32]) {
      it(`${c.name} (${dtype})`, async () => {
        const layer = build(c.layer);
        const buffers = toArrays(c.buffers, dtype);
        const g = toArray(c.cotangent, dtype);
        const objective = (x: JaxArray, params: Params): [JaxArray, { y: JaxArray; buffers: Params }] => {
          const out = layer.apply(params, buffers, x, { train: c.train });
          return [out.y.ref.mul(g.ref).sum(), out];
        };
        const run = (x: JaxArray, params: Params) => jax.valueAndGrad(objective, { argnums: [0, 1], hasAux: true })(x, params);
        const step = dtype === np.float32 ? jax.jit(run) : run;
        const [[, out], [dx, dparams]] = step(toArray(c.x, dtype), toArrays(c.params, dtype));
        await expectClose(out.y, c.y, dtype, "y");
        await expectClose(dx, c.grads.x!, dtype, "grad x");
        expect(Object.keys(dparams).sort()).toEqual(Object.keys(c.params).sort());
        for (const [name, grad] of Object.entries(dparams)) await expectClose(grad, c.grads[name]!, dtype, `grad ${name}`);
        expect(Object.keys(out.buffers).sort()).toEqual(Object.keys(c.buffersAfter).sort());
        for (const [name, buffer] of Object.entries(out.buffers)) await expectClose(buffer.astype(np.float64), c.buffersAfter[name]!, dtype, name);
        jax.tree.dispose([buffers, g]);
      });
    }
  }
});

describe("losses match PyTorch", () => {
  for (const c of fixture.losses) {
    it(c.name, async () => {
      const loss = createLoss(c.loss);
      const target = c.labels ? np.array(c.target.data, { shape: c.target.shape, dtype: np.int32 }) : toArray(c.target, np.float32);
      const [value, grad] = jax.valueAndGrad((p: JaxArray) => loss(p, target.ref))(toArray(c.prediction, np.float32));
      await expectClose(value, { shape: [], data: [c.value] }, np.float32, "loss");
      await expectClose(grad, c.grad, np.float32, "grad");
      target.dispose();
    });
  }
});
