import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jax, type DType, type JaxArray } from "../../engine/index.js";
import { ConfigError } from "../../errors.js";
import { maxRelativeError, readFixture } from "../../../test/fixtures.js";
import type { Params } from "../types.js";
import { clipByGlobalNorm, globalNormClipping, NonFiniteNormError, readTotalNorm, type GlobalNormOptions } from "./global-norm.js";
import type { NormType } from "./norm.js";

const np = jax.numpy;

interface NormCase {
  kind: "norm";
  max_norm: number;
  norm_type: 2 | 1 | "inf";
  shapes: number[][];
  grads: number[][];
  total_norm: number;
  clipped: number[][];
}
const normCases = readFixture<{ cases: { kind: string }[] }>("torch/clipping.json").cases.filter((c): c is NormCase => c.kind === "norm");

function toParams(values: number[][], shapes: number[][], dtype: DType): Params {
  return Object.fromEntries(values.map((v, i) => [`p${i}`, np.array(v, { dtype }).reshape(shapes[i]!)]));
}

async function read(params: Params): Promise<number[][]> {
  return Promise.all(Object.values(params).map(async (g) => Array.from(await g.data())));
}

/** PyTorch's clip_grad_norm_ in plain float64 JavaScript, as an independent reference. */
function hostClip(values: number[][], maxNorm: number, normType: NormType): { clipped: number[][]; total: number } {
  const norms = values.map((v) =>
    normType === 2 ? Math.sqrt(v.reduce((s, x) => s + x * x, 0)) : normType === 1 ? v.reduce((s, x) => s + Math.abs(x), 0) : Math.max(...v.map(Math.abs)),
  );
  const total = normType === 2 ? Math.sqrt(norms.reduce((s, n) => s + n * n, 0)) : normType === 1 ? norms.reduce((s, n) => s + n, 0) : Math.max(...norms);
  const coef = Math.min(maxNorm / (total + 1e-6), 1);
  return { clipped: values.map((v) => v.map((x) => x * coef)), total };
}

function globalNorm(values: number[][], normType: NormType): number {
  return hostClip(values, 1, normType).total;
}

const jitted = jax.jit((grads: Params, maxNorm: JaxArray) => clipByGlobalNorm(grads, maxNorm));

describe("clipByGlobalNorm matches torch.nn.utils.clip_grad_norm_", () => {
  const modes = ["eager", "jit"] as const;
  const dtypes = [
    [np.float64, 1e-12],
    [np.float32, 1e-5],
  ] as const;
  for (const c of normCases) {
    for (const mode of modes) {
      for (const [dtype, tolerance] of dtypes) {
        it(`max_norm ${c.max_norm}, norm_type ${c.norm_type}, ${dtype}, ${mode}`, async () => {
          const options = { normType: c.norm_type };
          const clip =
            mode === "eager"
              ? (g: Params) => clipByGlobalNorm(g, c.max_norm, options)
              : jax.jit((g: Params) => clipByGlobalNorm(g, c.max_norm, options));
          const { grads, totalNorm } = clip(toParams(c.grads, c.shapes, dtype));
          expect(totalNorm.shape).toEqual([]);
          expect(totalNorm.dtype).toBe(dtype);
          expect(maxRelativeError([await readTotalNorm(totalNorm)], [c.total_norm])).toBeLessThan(tolerance);
          for (const g of Object.values(grads)) expect(g.dtype).toBe(dtype);
          expect(maxRelativeError((await read(grads)).flat(), c.clipped.flat())).toBeLessThan(tolerance);
        });
      }
    }
  }

  it("keeps float64 precision for a threshold that float32 cannot hold, with the threshold traced or baked into jit", async () => {
    const c = normCases[0]!;
    const expected = hostClip(c.grads, 0.1, 2);
    const maxNorm = np.array(0.1, { dtype: np.float64 });
    const traced = jitted(toParams(c.grads, c.shapes, np.float64), maxNorm.ref);
    const baked = jax.jit((g: Params) => clipByGlobalNorm(g, 0.1))(toParams(c.grads, c.shapes, np.float64));
    for (const { grads, totalNorm } of [traced, baked]) {
      expect(maxRelativeError([await readTotalNorm(totalNorm)], [expected.total])).toBeLessThan(1e-14);
      expect(maxRelativeError((await read(grads)).flat(), expected.clipped.flat())).toBeLessThan(1e-14);
    }
    expect(maxNorm.refCount).toBe(1);
    maxNorm.dispose();
  });

  it("multiplies by min(clip_coef, 1) like PyTorch: a NaN norm spreads NaN, an infinite norm zeroes finite entries", async () => {
    const nan = clipByGlobalNorm({ a: np.array([1, NaN], { dtype: np.float64 }), b: np.array([2], { dtype: np.float64 }) }, 1);
    expect(await readTotalNorm(nan.totalNorm)).toBeNaN();
    expect((await read(nan.grads)).flat().every(Number.isNaN)).toBe(true);
    const inf = clipByGlobalNorm({ a: np.array([1, Infinity], { dtype: np.float64 }) }, 1, { normType: "inf" });
    expect(await readTotalNorm(inf.totalNorm)).toBe(Infinity);
    const [[finite, infinite]] = (await read(inf.grads)) as [[number, number]];
    expect(finite).toBe(0);
    expect(infinite).toBeNaN();
  });

  it("returns a total norm of 0 for no gradients, as PyTorch does", async () => {
    const { grads, totalNorm } = clipByGlobalNorm({}, 1);
    expect(grads).toEqual({});
    expect(await readTotalNorm(totalNorm)).toBe(0);
  });
});

describe("errorIfNonfinite", () => {
  const cases: [string, number][] = [
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["-Infinity", -Infinity],
  ];
  for (const [name, bad] of cases) {
    for (const normType of [2, 1, "inf"] as const) {
      it(`throws a NonFiniteNormError naming the norm when a gradient holds ${name} (norm_type ${normType})`, () => {
        const grads = { w: np.array([1, bad, 3], { dtype: np.float64 }) };
        const expectedNorm = Number.isNaN(bad) ? "NaN" : "Infinity";
        expect(() => clipByGlobalNorm(grads, 1, { normType, errorIfNonfinite: true })).toThrowError(
          new RegExp(`total norm of order ${normType} of the gradients is ${expectedNorm}, which is non-finite`),
        );
        const error = catchError(() => clipByGlobalNorm({ w: np.array([bad], { dtype: np.float64 }) }, 1, { normType, errorIfNonfinite: true }));
        expect(error).toBeInstanceOf(NonFiniteNormError);
        expect((error as NonFiniteNormError).normType).toBe(normType);
        expect(Number.isFinite((error as NonFiniteNormError).totalNorm)).toBe(false);
      });
    }
  }

  it("does not throw for a finite norm, and clips as usual", async () => {
    const c = normCases[0]!;
    const { grads, totalNorm } = clipByGlobalNorm(toParams(c.grads, c.shapes, np.float64), c.max_norm, { errorIfNonfinite: true });
    expect(maxRelativeError([await readTotalNorm(totalNorm)], [c.total_norm])).toBeLessThan(1e-12);
    expect(maxRelativeError((await read(grads)).flat(), c.clipped.flat())).toBeLessThan(1e-12);
  });

  it("is refused inside jit with a ConfigError that points to readTotalNorm", () => {
    const clip = jax.jit((g: Params) => clipByGlobalNorm(g, 1, { errorIfNonfinite: true }));
    const grads = { w: np.array([1, 2], { dtype: np.float64 }) };
    const error = catchError(() => clip(grads));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain("readTotalNorm(totalNorm, { errorIfNonfinite: true })");
    expect(grads.w.refCount).toBe(1); // a trace that throws leaves its arguments to the caller
    jax.tree.dispose(grads);
  });

  it("has an in-jit alternative: the jitted step returns the norm and readTotalNorm checks it", async () => {
    const { totalNorm, grads } = jitted({ w: np.array([1, NaN], { dtype: np.float64 }) }, np.array(1, { dtype: np.float64 }));
    jax.tree.dispose(grads);
    await expect(readTotalNorm(totalNorm, { errorIfNonfinite: true, normType: 2 })).rejects.toThrowError(
      /total norm of order 2 of the gradients is NaN, which is non-finite/,
    );
    const finite = jitted({ w: np.array([3, 4], { dtype: np.float64 }) }, np.array(1, { dtype: np.float64 }));
    jax.tree.dispose(finite.grads);
    expect(await readTotalNorm(finite.totalNorm, { errorIfNonfinite: true })).toBe(5);
  });
});

describe("argument checks", () => {
  it("rejects a non-positive max norm and an unknown norm type with a ConfigError", () => {
    for (const bad of [0, -1, NaN, Infinity]) {
      const e = catchError(() => clipByGlobalNorm({}, bad));
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toBe(`clipByGlobalNorm: maxNorm must be a positive finite number; got ${bad}`);
      expect(() => globalNormClipping(bad)).toThrowError(ConfigError);
    }
    const e = catchError(() => clipByGlobalNorm({}, 1, { normType: 3 as unknown as NormType }));
    expect((e as ConfigError).message).toBe('clipByGlobalNorm: unknown normType 3; valid: 2, 1, "inf"');
    expect(() => globalNormClipping(1, { normType: "Inf" as NormType })).toThrowError(/unknown normType "Inf"/);
  });
});

describe("globalNormClipping (the gradient transformation)", () => {
  for (const c of normCases) {
    it(`equals clipByGlobalNorm, eagerly and in jit (norm_type ${c.norm_type})`, async () => {
      const options: GlobalNormOptions = { normType: c.norm_type };
      const transformation = globalNormClipping(c.max_norm, options);
      const params = toParams(c.grads, c.shapes, np.float64);
      const state = transformation.init(params);
      expect(state).toEqual({});
      const [eager, newState] = transformation.update(toParams(c.grads, c.shapes, np.float64), state, params, {});
      expect(newState).toEqual({});
      const step = jax.jit((u: Params, p: Params) => transformation.update(u, transformation.init(p), p, {})[0]);
      const traced = step(toParams(c.grads, c.shapes, np.float64), jax.tree.ref(params));
      const direct = clipByGlobalNorm(toParams(c.grads, c.shapes, np.float64), c.max_norm, options);
      direct.totalNorm.dispose();
      const expected = await read(direct.grads);
      expect(await read(eager)).toEqual(expected);
      expect(maxRelativeError((await read(traced)).flat(), expected.flat())).toBeLessThan(1e-15);
      for (const p of Object.values(params)) expect(p.refCount).toBe(1);
      jax.tree.dispose(params);
    });
  }
});

describe("properties", () => {
  const shapes = [[3], [2, 2], [1]];
  // Subnormal entries are flushed to 0: scaling one loses bits to underflow, which would blur the relative checks.
  const element = fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((x) => (Math.abs(x) < 1e-200 ? 0 : x));
  const gradients = fc.tuple(...shapes.map((s) => fc.array(element, { minLength: size(s), maxLength: size(s) })));
  const normType = fc.constantFrom<NormType>(2, 1, "inf");

  it("never increases the global norm, and leaves it at most max_norm: ‖out‖ ≤ min(‖g‖, max_norm)·(1 + 1e-12)", async () => {
    await fc.assert(
      fc.asyncProperty(gradients, fc.double({ min: 1e-3, max: 1e4, noNaN: true }), normType, async (values, maxNorm, p) => {
        const { grads, totalNorm } = clipByGlobalNorm(toParams(values, shapes, np.float64), maxNorm, { normType: p });
        const before = await readTotalNorm(totalNorm);
        const after = globalNorm(await read(grads), p);
        expect(after).toBeLessThanOrEqual(Math.min(before, maxNorm) * (1 + 1e-12));
      }),
      { numRuns: 60 },
    );
  });

  // Compared with ===, so −0 and +0 count as equal: jax-js may drop the sign of a zero.
  it("leaves every gradient entry exactly equal (===) when ‖g‖ + 1e-6 ≤ max_norm (the coefficient clamps to exactly 1)", async () => {
    await fc.assert(
      fc.asyncProperty(gradients, fc.double({ min: 0, max: 10, noNaN: true }), normType, async (values, slack, p) => {
        const norm = globalNorm(values, p);
        const maxNorm = (norm + 1e-6) * (1 + slack) + 1e-9;
        const { grads, totalNorm } = clipByGlobalNorm(toParams(values, shapes, np.float64), maxNorm, { normType: p });
        totalNorm.dispose();
        const changed = (await read(grads)).flat().filter((x, i) => x !== values.flat()[i]);
        expect(changed).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("at exactly ‖g‖ = max_norm, only the 1e-6 epsilon acts: each entry shrinks by max_norm/(max_norm + 1e-6)", async () => {
    await fc.assert(
      fc.asyncProperty(gradients, normType, async (values, p) => {
        const norm = globalNorm(values, p);
        fc.pre(norm > 1e-3);
        const { grads, totalNorm } = clipByGlobalNorm(toParams(values, shapes, np.float64), norm, { normType: p });
        totalNorm.dispose();
        const factor = norm / (norm + 1e-6);
        expect(maxRelativeError((await read(grads)).flat(), values.flat().map((x) => x * factor), 1e-300)).toBeLessThan(1e-12);
      }),
      { numRuns: 40 },
    );
  });
});

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}
