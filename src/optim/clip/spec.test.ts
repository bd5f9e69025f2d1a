import { describe, expect, it } from "vitest";
import { jax, type JaxArray } from "../../engine/index.js";
import { ConfigError } from "../../errors.js";
import type { Params } from "../types.js";
import { adaptiveGradClip } from "./adaptive.js";
import { clipByGlobalNorm } from "./global-norm.js";
import { createClipping } from "./spec.js";
import { clipByTensorNorm } from "./tensor-norm.js";
import { clipByValue } from "./value.js";

const np = jax.numpy;
const f64 = { dtype: np.float64 };

const grads = (): Params => ({ w: np.array([[3, -4], [0.5, 12]], f64), b: np.array([-2, 0.25], f64) });
const weights = (): Params => ({ w: np.array([[1, 1], [2, 0]], f64), b: np.array([0.5, 0.5], f64) });

async function read(params: Params): Promise<number[][]> {
  return Promise.all(Object.values(params).map(async (g) => Array.from(await g.data())));
}

async function applySpec(spec: unknown): Promise<number[][]> {
  const transformation = createClipping(spec);
  const params = weights();
  const [out] = transformation.update(grads(), transformation.init(params), params, {});
  jax.tree.dispose(params);
  return read(out);
}

function withoutNorm(clipped: { grads: Params; totalNorm: JaxArray }): Params {
  clipped.totalNorm.dispose();
  return clipped.grads;
}

function configError(spec: unknown, where?: string): ConfigError {
  try {
    createClipping(spec, where);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(spec)}`);
}

describe("createClipping builds the transformation a spec names", () => {
  const cases: [unknown, () => Params][] = [
    [{ max_norm: 1 }, () => withoutNorm(clipByGlobalNorm(grads(), 1))],
    [{ max_norm: 1, norm_type: 1 }, () => withoutNorm(clipByGlobalNorm(grads(), 1, { normType: 1 }))],
    [{ max_norm: 1, norm_type: "inf" }, () => withoutNorm(clipByGlobalNorm(grads(), 1, { normType: "inf" }))],
    [{ max_norm: 1, norm_type: Infinity }, () => withoutNorm(clipByGlobalNorm(grads(), 1, { normType: "inf" }))],
    [{ clip_value: 0.5 }, () => clipByValue(grads(), 0.5)],
    [{ clipnorm: 1 }, () => clipByTensorNorm(grads(), 1)],
    [{ agc: 0.01 }, () => adaptiveGradClip(grads(), weights(), 0.01, 1e-3)],
    [{ agc: 0.5, eps: 0.1 }, () => adaptiveGradClip(grads(), weights(), 0.5, 0.1)],
  ];
  for (const [spec, direct] of cases) {
    it(JSON.stringify(spec, (_, v: unknown) => (v === Infinity ? ".inf" : v)), async () => {
      const expected = await read(direct());
      expect(await applySpec(spec)).toEqual(expected);
      expect(expected.flat()).not.toEqual([3, -4, 0.5, 12, -2, 0.25]);
    });
  }
});

describe("createClipping rejects bad specs, naming the key, the value and what is valid", () => {
  it("non-positive or non-numeric values", () => {
    for (const [spec, key, value] of [
      [{ max_norm: 0 }, "max_norm", 0],
      [{ clip_value: -0.5 }, "clip_value", -0.5],
      [{ clipnorm: -1 }, "clipnorm", -1],
      [{ agc: 0 }, "agc", 0],
      [{ agc: 0.01, eps: -1e-3 }, "eps", -1e-3],
    ] as const) {
      const e = configError(spec, "run.yaml: clip");
      expect(e).toMatchObject({ key, value, where: "run.yaml: clip" });
      expect(e.message).toMatch(new RegExp(`^run\\.yaml: clip\\.${key}: .*>0.*; got ${value}$`));
    }
    expect(configError({ clip_value: "0.5" }).message).toBe('clip.clip_value: expected number, received string; got "0.5"');
  });

  it("an unknown norm_type, listing 2, 1 and inf", () => {
    const e = configError({ max_norm: 1, norm_type: 3 });
    expect(e).toMatchObject({ key: "norm_type", value: 3 });
    expect(e.message).toBe("clip.norm_type: unknown value 3; valid: 2, 1, inf, Infinity");
    expect(configError({ max_norm: 1, norm_type: "2" }).message).toBe('clip.norm_type: unknown value "2" (a string here: write it without quotes); valid: 2, 1, inf, Infinity');
  });

  it("an unknown or misspelt key, with a suggestion", () => {
    const typo = configError({ max_norm: 1, norm_typ: 2 });
    expect(typo).toMatchObject({ key: "norm_typ", value: 2 });
    expect(typo.message).toBe('clip: unknown key "norm_typ" (did you mean "norm_type"?); valid keys: max_norm, norm_type');
    expect(configError({ clip_value: 1, eps: 0.1 }).message).toContain('unknown key "eps"');
    const kind = configError({ max_nrom: 1 });
    expect(kind).toMatchObject({ key: "max_nrom", value: 1 });
    expect(kind.message).toBe('clip: unknown key "max_nrom" (did you mean "max_norm"?); a clipping spec has exactly one of max_norm, clip_value, clipnorm, agc');
  });

  it("no kind, two kinds, or not an object", () => {
    expect(configError({}).message).toBe("clip: got keys (none); a clipping spec has exactly one of max_norm, clip_value, clipnorm, agc");
    expect(configError({ lr: 1 }).message).toBe("clip: got keys lr; a clipping spec has exactly one of max_norm, clip_value, clipnorm, agc");
    expect(configError({ max_norm: 1, clip_value: 1 }).message).toBe(
      "clip: max_norm and clip_value cannot be combined; a clipping spec has exactly one of max_norm, clip_value, clipnorm, agc",
    );
    expect(configError(1).message).toBe("clip: expected an object; got 1; a clipping spec has exactly one of max_norm, clip_value, clipnorm, agc");
    expect(configError(null).message).toMatch(/^clip: expected an object; got null/);
  });
});
