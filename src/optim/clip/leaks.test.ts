/**
 * Every clipping function must free what it allocates: the inputs it consumes, its intermediates,
 * and nothing of what it borrows. jax-js does not expose its buffer table, so this test finds the
 * wasm backend (the value its internal backend map returns) and counts the buffers allocated and
 * freed while a clipping runs. Arrays that never hold a buffer (lazy constants, fused
 * elementwise results) are invisible to it; reductions and outputs are not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jax, type JaxArray } from "../../engine/index.js";
import type { Params } from "../types.js";
import { adaptiveGradClip } from "./adaptive.js";
import { clipByGlobalNorm, NonFiniteNormError } from "./global-norm.js";
import { clipByTensorNorm } from "./tensor-norm.js";
import { clipByValue } from "./value.js";

const np = jax.numpy;
const f64 = { dtype: np.float64 };

interface BufferBackend {
  type: string;
  malloc(size: number, initialData?: Uint8Array): number;
  incRef(slot: number): void;
  decRef(slot: number): void;
}

function findWasmBackend(): BufferBackend {
  let found: BufferBackend | undefined;
  const get = Map.prototype.get;
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    const value = get.call(this, key) as Partial<BufferBackend> | undefined;
    if (value?.type === "wasm" && typeof value.malloc === "function") found = value as BufferBackend;
    return value;
  };
  try {
    np.zeros([1]).dispose();
  } finally {
    Map.prototype.get = get;
  }
  if (!found) throw new Error("could not find the jax-js wasm backend");
  return found;
}

const refs = new Map<number, number>();
let backend: BufferBackend;
let restore: () => void;

beforeAll(() => {
  backend = findWasmBackend();
  const { malloc, incRef, decRef } = backend;
  backend.malloc = function (size, initialData) {
    const slot = malloc.call(this, size, initialData);
    refs.set(slot, 1);
    return slot;
  };
  backend.incRef = function (slot) {
    incRef.call(this, slot);
    if (refs.has(slot)) refs.set(slot, refs.get(slot)! + 1);
  };
  backend.decRef = function (slot) {
    decRef.call(this, slot);
    const n = refs.get(slot);
    if (n === 1) refs.delete(slot);
    else if (n !== undefined) refs.set(slot, n - 1);
  };
  restore = () => {
    backend.malloc = malloc;
    backend.incRef = incRef;
    backend.decRef = decRef;
  };
});

afterAll(() => restore());

const grads = (): Params => ({ w: np.array([[3, -4], [0.5, 12]], f64), b: np.array([-2, 0.25], f64) });
const weights = (): Params => ({ w: np.array([[1, 1], [2, 0]], f64), b: np.array([0.5, 0.5], f64) });

type Clip = (grads: Params, params: Params) => { grads: Params; totalNorm?: JaxArray };

const clippings: [string, Clip][] = [
  ["clipByValue", (g) => ({ grads: clipByValue(g, 0.5) })],
  ["clipByGlobalNorm (2)", (g) => clipByGlobalNorm(g, 1)],
  ["clipByGlobalNorm (1)", (g) => clipByGlobalNorm(g, 1, { normType: 1 })],
  ["clipByGlobalNorm (inf)", (g) => clipByGlobalNorm(g, 1, { normType: "inf" })],
  ["clipByGlobalNorm (errorIfNonfinite)", (g) => clipByGlobalNorm(g, 1, { errorIfNonfinite: true })],
  ["clipByTensorNorm", (g) => ({ grads: clipByTensorNorm(g, 1) })],
  ["adaptiveGradClip", (g, p) => ({ grads: adaptiveGradClip(g, p, 0.01) })],
];

/** Run `clip` once on fresh arrays, realise and free its outputs; return the change in live buffers. */
async function leakedBuffers(clip: Clip): Promise<number> {
  const before = refs.size;
  const params = weights();
  const out = clip(grads(), params);
  await jax.blockUntilReady(out);
  for (const p of Object.values(params)) expect(p.refCount).toBe(1);
  for (const g of Object.values(out.grads)) expect(g.refCount).toBe(1);
  jax.tree.dispose(out);
  jax.tree.dispose(params);
  return refs.size - before;
}

describe("no clipping leaks or over-frees arrays", () => {
  it("the buffer count sees a leaked intermediate", async () => {
    const leaky: Clip = (g) => {
      const scale = np.abs(g.w!.ref).sum();
      return { grads: { w: g.w!.mul(scale.ref), b: g.b!.mul(scale.ref) } };
    };
    expect(await leakedBuffers(leaky)).toBeGreaterThan(0);
  });

  for (const [name, clip] of clippings) {
    it(`${name}, eagerly`, async () => {
      expect(await leakedBuffers(clip)).toBe(0);
    });

    if (name.includes("errorIfNonfinite")) continue;
    it(`${name}, in jit (after the first call has compiled it)`, async () => {
      const jitted = jax.jit((g: Params, p: Params) => clip(g, p));
      const call: Clip = (g, p) => jitted(g, jax.tree.ref(p));
      await leakedBuffers(call);
      expect(await leakedBuffers(call)).toBe(0);
    });
  }

  it("clipByGlobalNorm frees the gradients it consumed when errorIfNonfinite throws", async () => {
    const before = refs.size;
    const g = { w: np.array([1, NaN], f64), b: np.array([2], f64) };
    await jax.blockUntilReady(g);
    expect(refs.size).toBeGreaterThan(before);
    expect(() => clipByGlobalNorm(g, 1, { errorIfNonfinite: true })).toThrowError(NonFiniteNormError);
    expect(refs.size).toBe(before);
  });
});
