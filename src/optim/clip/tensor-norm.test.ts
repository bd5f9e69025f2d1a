import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jax, type JaxArray } from "../../engine/index.js";
import { ConfigError } from "../../errors.js";
import { maxRelativeError } from "../../../test/fixtures.js";
import type { Params } from "../types.js";
import { clipByTensorNorm, tensorNormClipping } from "./tensor-norm.js";

const np = jax.numpy;
const f64 = { dtype: np.float64 };

async function read(params: Params): Promise<number[][]> {
  return Promise.all(Object.values(params).map(async (g) => Array.from(await g.data())));
}

/** Keras' clip_by_norm on the host: (g·c) / max(‖g‖₂, c). */
function hostClip(values: number[], c: number): number[] {
  const norm = Math.sqrt(values.reduce((s, x) => s + x * x, 0));
  return values.map((x) => (x * c) / Math.max(norm, c));
}

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

const example = () => ({
  big: np.array([[3], [4]], f64),
  small: np.array([0.3, 0.4], f64),
  zero: np.array([0, 0], f64),
});
const exampleValues = [
  [3, 4],
  [0.3, 0.4],
  [0, 0],
];

describe("clipByTensorNorm (Keras clipnorm)", () => {
  it("scales each tensor on its own: a tensor over c to norm c, the others (almost) unchanged", async () => {
    const out = await read(clipByTensorNorm(example(), 0.7));
    expect(out[0]![0]).toBeCloseTo(0.42, 15);
    expect(out[0]![1]).toBeCloseTo(0.56, 15);
    expect(maxRelativeError(out[1]!, [0.3, 0.4])).toBeLessThanOrEqual(2 ** -52);
    expect(out[2]).toEqual([0, 0]);
    expect(out).toEqual(exampleValues.map((v) => hostClip(v, 0.7)));
  });

  it("keeps shapes and dtypes", () => {
    const out = clipByTensorNorm({ w: np.ones([2, 3], { dtype: np.float32 }) }, 1);
    expect([out.w!.shape, out.w!.dtype]).toEqual([[2, 3], np.float32]);
    out.w!.dispose();
  });

  it("keeps float64 precision inside jit, with the bound baked in or traced", async () => {
    const expected = exampleValues.map((v) => hostClip(v, 0.1));
    const baked = jax.jit((g: Params) => clipByTensorNorm(g, 0.1))(example());
    const bound = np.array(0.1, f64);
    const traced = jax.jit((g: Params, c: JaxArray) => clipByTensorNorm(g, c))(example(), bound.ref);
    for (const out of [baked, traced]) expect(maxRelativeError((await read(out)).flat(), expected.flat())).toBeLessThan(1e-15);
    expect(bound.refCount).toBe(1);
    bound.dispose();
  });

  it("rejects a non-positive bound", () => {
    expect(() => clipByTensorNorm({}, 0)).toThrowError(ConfigError);
    expect(() => tensorNormClipping(-1)).toThrowError("tensorNormClipping: clipNorm must be a positive finite number; got -1");
  });
});

describe("tensorNormClipping (the gradient transformation)", () => {
  it("equals clipByTensorNorm, eagerly and in jit", async () => {
    const transformation = tensorNormClipping(0.7);
    const params = example();
    const [eager, state] = transformation.update(example(), transformation.init(params), params, {});
    expect(state).toEqual({});
    const traced = jax.jit((u: Params, p: Params) => transformation.update(u, {}, p, {})[0])(example(), jax.tree.ref(params));
    const expected = await read(clipByTensorNorm(example(), 0.7));
    expect(await read(eager)).toEqual(expected);
    expect(maxRelativeError((await read(traced)).flat(), expected.flat())).toBeLessThan(1e-15);
    jax.tree.dispose(params);
  });
});

describe("properties", () => {
  // Subnormal entries are flushed to 0: (g·c)/c of a subnormal g loses bits to underflow.
  const entry = fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((x) => (Math.abs(x) < 1e-200 ? 0 : x));
  const tensor = fc.array(entry, { minLength: 4, maxLength: 4 });

  it("never increases a tensor's norm and leaves it at most c: ‖out_i‖ ≤ min(‖g_i‖, c)·(1 + 1e-12)", async () => {
    await fc.assert(
      fc.asyncProperty(tensor, tensor, fc.double({ min: 1e-3, max: 1e4, noNaN: true }), async (a, b, c) => {
        const out = await read(clipByTensorNorm({ a: np.array(a, f64), b: np.array(b, f64).reshape([2, 2]) }, c));
        [a, b].forEach((g, i) => expect(norm(out[i]!)).toBeLessThanOrEqual(Math.min(norm(g), c) * (1 + 1e-12)));
      }),
      { numRuns: 60 },
    );
  });

  it("changes a tensor with ‖g‖ ≤ c only by the rounding of (g·c)/c: at most 2⁻⁵² relative per entry", async () => {
    await fc.assert(
      fc.asyncProperty(tensor, fc.double({ min: 1, max: 100, noNaN: true }), async (g, slack) => {
        const c = norm(g) * slack + 1e-12;
        const [out] = await read(clipByTensorNorm({ g: np.array(g, f64) }, c));
        out!.forEach((x, i) => expect(Math.abs(x - g[i]!)).toBeLessThanOrEqual(Math.abs(g[i]!) * 2 ** -52));
      }),
      { numRuns: 60 },
    );
  });
});
