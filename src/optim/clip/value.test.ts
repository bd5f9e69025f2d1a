import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jax, type DType, type JaxArray } from "../../engine/index.js";
import { ConfigError } from "../../errors.js";
import { maxRelativeError, readFixture } from "../../../test/fixtures.js";
import type { Params } from "../types.js";
import { clipByValue, valueClipping } from "./value.js";

const np = jax.numpy;

interface ValueCase {
  kind: "value";
  clip_value: number;
  shapes: number[][];
  grads: number[][];
  clipped: number[][];
}
const valueCases = readFixture<{ cases: { kind: string }[] }>("torch/clipping.json").cases.filter((c): c is ValueCase => c.kind === "value");

function toParams(values: number[][], shapes: number[][], dtype: DType): Params {
  return Object.fromEntries(values.map((v, i) => [`p${i}`, np.array(v, { dtype }).reshape(shapes[i]!)]));
}

async function read(params: Params): Promise<number[][]> {
  return Promise.all(Object.values(params).map(async (g) => Array.from(await g.data())));
}

describe("clipByValue matches torch.nn.utils.clip_grad_value_", () => {
  expect(valueCases.length).toBeGreaterThan(0);
  for (const c of valueCases) {
    for (const mode of ["eager", "jit"] as const) {
      for (const [dtype, tolerance] of [
        [np.float64, 1e-12],
        [np.float32, 1e-5],
      ] as const) {
        it(`clip_value ${c.clip_value}, ${dtype}, ${mode}`, async () => {
          const clip = mode === "eager" ? (g: Params) => clipByValue(g, c.clip_value) : jax.jit((g: Params) => clipByValue(g, c.clip_value));
          const clipped = clip(toParams(c.grads, c.shapes, dtype));
          expect(Object.values(clipped).map((g) => [g.dtype, g.shape])).toEqual([[dtype, c.shapes[0]]]);
          expect(maxRelativeError((await read(clipped)).flat(), c.clipped.flat())).toBeLessThan(tolerance);
        });
      }
    }
  }

  it("keeps a float64 bound exact inside jit, baked or traced (0.1 is not a float32 number)", async () => {
    const grads = () => ({ w: np.array([-3, 0.05, 3], { dtype: np.float64 }) });
    const bound = np.array(0.1, { dtype: np.float64 });
    const traced = jax.jit((g: Params, c: JaxArray) => clipByValue(g, c))(grads(), bound.ref);
    const baked = jax.jit((g: Params) => clipByValue(g, 0.1))(grads());
    expect(await read(traced)).toEqual([[-0.1, 0.05, 0.1]]);
    expect(await read(baked)).toEqual([[-0.1, 0.05, 0.1]]);
    expect(bound.refCount).toBe(1);
    bound.dispose();
  });

  it("leaves NaN as NaN, like clamp_", async () => {
    const [[a, b]] = (await read(clipByValue({ w: np.array([NaN, 5], { dtype: np.float64 }) }, 1))) as [[number, number]];
    expect(a).toBeNaN();
    expect(b).toBe(1);
  });

  it("rejects a non-positive clip value with a ConfigError", () => {
    const error = (() => {
      try {
        clipByValue({}, -0.5);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ key: "clipValue", value: -0.5, message: "clipByValue: clipValue must be a positive finite number; got -0.5" });
    expect(() => valueClipping(0)).toThrowError(/valueClipping: clipValue must be a positive finite number; got 0/);
  });
});

describe("valueClipping (the gradient transformation)", () => {
  it("equals clipByValue, eagerly and in jit", async () => {
    const c = valueCases[0]!;
    const transformation = valueClipping(c.clip_value);
    const params = toParams(c.grads, c.shapes, np.float64);
    const [eager, state] = transformation.update(toParams(c.grads, c.shapes, np.float64), transformation.init(params), params, {});
    expect(state).toEqual({});
    const step = jax.jit((u: Params, p: Params) => transformation.update(u, {}, p, {})[0]);
    const traced = step(toParams(c.grads, c.shapes, np.float64), jax.tree.ref(params));
    const expected = await read(clipByValue(toParams(c.grads, c.shapes, np.float64), c.clip_value));
    expect(await read(eager)).toEqual(expected);
    expect(await read(traced)).toEqual(expected);
    jax.tree.dispose(params);
  });
});

describe("properties", () => {
  const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 });
  const bound = fc.double({ min: 1e-6, max: 1e3, noNaN: true });

  it("never increases any |g|, keeps its sign, bounds it by c, and leaves entries with |g| ≤ c unchanged (===)", async () => {
    await fc.assert(
      fc.asyncProperty(values, bound, async (v, c) => {
        const [out] = (await read(clipByValue({ w: np.array(v, { dtype: np.float64 }) }, c))) as [number[]];
        out.forEach((x, i) => {
          const g = v[i]!;
          expect(Math.abs(x)).toBeLessThanOrEqual(Math.min(Math.abs(g), c));
          expect(x * g).toBeGreaterThanOrEqual(0);
          if (Math.abs(g) <= c) expect(x === g).toBe(true);
          else expect(Math.abs(x)).toBe(c);
        });
      }),
      { numRuns: 60 },
    );
  });
});
