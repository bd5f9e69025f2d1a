import { describe, expect, it } from "vitest";
import { jax, type JaxArray } from "../engine/index.js";
import type { Params } from "../engine/index.js";
import { dropout, linear, sequential } from "./index.js";

const np = jax.numpy;

async function run(p: number, x: JaxArray, train: boolean, key?: JaxArray): Promise<number[]> {
  const out = dropout(p).apply({}, {}, x, key ? { train, key } : { train });
  return Array.from(await out.y.data());
}

describe("Dropout", () => {
  const ones = () => np.ones([64, 50]);

  it("is the identity in eval mode", async () => {
    expect(await run(0.5, np.arange(6).astype(np.float32), false)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("zeroes about p of the elements and scales the rest by 1/(1 − p)", async () => {
    const y = await run(0.25, ones(), true, jax.random.key(3));
    const zeros = y.filter((v) => v === 0).length / y.length;
    expect(zeros).toBeGreaterThan(0.2);
    expect(zeros).toBeLessThan(0.3);
    for (const v of y) expect([0, Math.fround(1 / 0.75)]).toContain(v);
  });

  it("is seeded: the same key gives the same mask, another key another", async () => {
    const a = await run(0.5, ones(), true, jax.random.key(11));
    const b = await run(0.5, ones(), true, jax.random.key(11));
    const c = await run(0.5, ones(), true, jax.random.key(12));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("needs a key in train mode; p = 0 and p = 1 are the identity and zero", async () => {
    expect(() => dropout(0.5).apply({}, {}, ones(), { train: true })).toThrow(/ctx.key/);
    expect(new Set(await run(0, ones(), true))).toEqual(new Set([1]));
    expect(new Set(await run(1, ones(), true))).toEqual(new Set([0]));
    expect(() => dropout(1.5)).toThrow(/dropout: must be a probability in \[0, 1\]; got 1.5/);
  });

  it("gets a different key per Dropout layer inside Sequential, also under jit (two shared masks would keep ½, independent ones ¼)", async () => {
    const model = sequential(dropout(0.5), linear(50, 50), dropout(0.5));
    const identity = { "1.weight": np.eye(50), "1.bias": np.zeros([50]) };
    const forward = jax.jit((params: Params, x: JaxArray, key: JaxArray) => model.apply(params, {}, x, { train: true, key }).y);
    const y = forward(jax.tree.ref(identity), ones(), jax.random.key(5));
    const values = Array.from(await y.data());
    const survivors = values.filter((v) => v !== 0).length / values.length;
    expect(survivors).toBeGreaterThan(0.2);
    expect(survivors).toBeLessThan(0.3);
    jax.tree.dispose(identity);
  });
});
