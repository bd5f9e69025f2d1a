import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jax, type JaxArray } from "../../engine/index.js";
import { ConfigError } from "../../errors.js";
import { maxRelativeError } from "../../../test/fixtures.js";
import type { Params } from "../types.js";
import { adaptiveClipping, adaptiveGradClip } from "./adaptive.js";

const np = jax.numpy;
const f64 = { dtype: np.float64 };

async function read(params: Params): Promise<number[][]> {
  return Promise.all(Object.values(params).map(async (g) => Array.from(await g.data())));
}

// λ = 0.1, eps = 1e-3. Each comment: ‖W_i‖* = max(‖W_i‖, eps), the bound λ‖W_i‖*, ‖G_i‖, and what happens.
const weights = (): Params => ({
  linear: np.array([[3, 4], [0, 0], [0, 2]], f64), // units are rows (output first): norms 5, 0 → 1e-3, 2
  bias: np.array([0.6, 0.8], f64), // one unit: norm 1
  zeroBias: np.array([0, 0, 0], f64), // one unit: norm 0 → 1e-3
  conv: np.array([[[[1, 0]]], [[[0, 0.5]]]], f64), // [out 2, in 1, kh 1, kw 2]: unit norms 1, 0.5
  gain: np.array(2, f64), // 0-d: |2|
});
const grads = (): Params => ({
  linear: np.array([[30, 40], [1e-3, 0], [0.1, 0]], f64),
  bias: np.array([0.3, 0.4], f64),
  zeroBias: np.array([2e-5, 0, 0], f64),
  conv: np.array([[[[0, 1]]], [[[0.01, 0]]]], f64),
  gain: np.array(-1, f64),
});
const expected = [
  // row 0: bound 0.5, ‖G‖ 50 → ×0.5/50; row 1: bound 1e-4, ‖G‖ 1e-3 → ×1e-4/1e-3; row 2: bound 0.2, ‖G‖ 0.1 → kept
  [0.3, 0.4, 1e-4, 0, 0.1, 0],
  [0.06, 0.08], // bound 0.1, ‖G‖ 0.5 → ×0.2
  [2e-5, 0, 0], // bound 1e-4, ‖G‖ 2e-5 → kept
  [0, 0.1, 0.01, 0], // unit 0: bound 0.1, ‖G‖ 1 → ×0.1; unit 1: bound 0.05, ‖G‖ 0.01 → kept
  [-0.2], // bound 0.2, |G| 1 → ×0.2
];

describe("adaptiveGradClip (AGC, Brock et al. 2021)", () => {
  it("clips each unit relative to its weight's norm, on a hand-computed example", async () => {
    const params = weights();
    const out = await read(adaptiveGradClip(grads(), params, 0.1));
    expect(maxRelativeError(out.flat(), expected.flat())).toBeLessThan(1e-15);
    for (const p of Object.values(params)) expect(p.refCount).toBe(1);
    jax.tree.dispose(params);
  });

  it("gives the same inside jit, with λ baked in or traced", async () => {
    const params = weights();
    const baked = jax.jit((g: Params, p: Params) => adaptiveGradClip(g, p, 0.1))(grads(), jax.tree.ref(params));
    const lambda = np.array(0.1, f64);
    const traced = jax.jit((g: Params, p: Params, l: JaxArray) => adaptiveGradClip(g, p, l))(grads(), jax.tree.ref(params), lambda.ref);
    for (const out of [baked, traced]) expect(maxRelativeError((await read(out)).flat(), expected.flat())).toBeLessThan(1e-15);
    expect(lambda.refCount).toBe(1);
    lambda.dispose();
    jax.tree.dispose(params);
  });

  it("names a gradient whose weight is missing or has another shape", () => {
    const params = weights();
    const bad = { other: np.zeros([2]), bias: np.zeros([3]) };
    expect(() => adaptiveGradClip({ other: bad.other }, params, 0.1)).toThrowError(
      'adaptiveGradClip: the gradient "other" of shape [2] needs its weight in params; got no such parameter',
    );
    expect(() => adaptiveGradClip({ bias: bad.bias }, params, 0.1)).toThrowError(/"bias" of shape \[3\] .*got a parameter of shape \[2\]/);
    expect(() => adaptiveGradClip({}, params, 0)).toThrowError(ConfigError);
    expect(() => adaptiveClipping(0.01, -1)).toThrowError("adaptiveClipping: eps must be a positive finite number; got -1");
    jax.tree.dispose(bad);
    jax.tree.dispose(params);
  });
});

describe("adaptiveClipping (the gradient transformation)", () => {
  it("equals adaptiveGradClip, eagerly and in jit, reading the weights from params", async () => {
    const transformation = adaptiveClipping(0.1);
    const params = weights();
    const [eager, state] = transformation.update(grads(), transformation.init(params), params, {});
    expect(state).toEqual({});
    const traced = jax.jit((u: Params, p: Params) => transformation.update(u, {}, p, {})[0])(grads(), jax.tree.ref(params));
    const direct = await read(adaptiveGradClip(grads(), params, 0.1));
    expect(await read(eager)).toEqual(direct);
    expect(maxRelativeError((await read(traced)).flat(), direct.flat())).toBeLessThan(1e-15);
    jax.tree.dispose(params);
  });
});

describe("properties", () => {
  const entry = fc.double({ min: -100, max: 100, noNaN: true }).map((x) => (Math.abs(x) < 1e-200 ? 0 : x));
  const matrix = fc.array(entry, { minLength: 6, maxLength: 6 });
  const rows = (v: number[]) => [v.slice(0, 2), v.slice(2, 4), v.slice(4, 6)];
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

  it("never increases a unit's norm and bounds it: ‖out_i‖ ≤ min(‖G_i‖, λ·max(‖W_i‖, eps))·(1 + 1e-12); units under the bound are unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(matrix, matrix, fc.double({ min: 1e-3, max: 1, noNaN: true }), async (g, w, lambda) => {
        const params = { w: np.array(w, f64).reshape([3, 2]) };
        const [out] = await read(adaptiveGradClip({ w: np.array(g, f64).reshape([3, 2]) }, params, lambda));
        jax.tree.dispose(params);
        rows(out!).forEach((unit, i) => {
          const bound = lambda * Math.max(norm(rows(w)[i]!), 1e-3);
          const before = rows(g)[i]!;
          expect(norm(unit)).toBeLessThanOrEqual(Math.min(norm(before), bound) * (1 + 1e-12));
          if (norm(before) < bound * (1 - 1e-12)) expect(unit.every((x, j) => x === before[j])).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });
});
