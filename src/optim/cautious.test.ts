/**
 * Cautious masking (`cautious: true` on any optimizer spec): the entries where the step would not
 * descend along the gradient are dropped and the rest scaled by n/(Σφ + 1), checked by hand and
 * against a float64 reference of cautious Lion (the authors' C-Lion, without weight decay).
 */
import { describe, expect, it } from "vitest";
import { maxRelativeError } from "../../test/fixtures.js";
import { jax, type Params } from "../engine/index.js";
import { createOptimizer, type OptimizerSpec } from "./index.js";

const np = jax.numpy;
const f64 = { dtype: np.float64 };

async function trajectory(spec: OptimizerSpec, x0: number[], grads: number[][], jitted = false): Promise<number[][]> {
  const optimizer = createOptimizer(spec);
  const compiled = jitted ? jax.jit(optimizer.step) : undefined;
  const step = compiled ?? optimizer.step;
  let params: Params = { x: np.array(x0, f64) };
  let state = optimizer.init(params);
  const out: number[][] = [];
  for (const g of grads) {
    [params, state] = step(params, { x: np.array(g, f64) }, state, {});
    out.push([...(await params.x!.ref.data())]);
  }
  compiled?.dispose();
  jax.tree.dispose([params, state]);
  return out;
}

const x0 = [0, 0, 0, 0, 0];
const g1 = [1, -1, 2, 0.5, 3];
const g2 = [-0.5, -1, 2, 0.1, -1];

describe("cautious masking", () => {
  it("SGD with momentum, by hand: the entries whose momentum opposes the new gradient are zeroed, the rest scaled by n/(kept + 1)", async () => {
    const [after1, after2] = await trajectory({ type: "SGD", lr: 0.1, momentum: 0.9, cautious: true }, x0, [g1, g2]);
    // Step 1: b = g₁ agrees everywhere, so 5 kept of 5 and the step is scaled by 5/6.
    expect(maxRelativeError(after1!, g1.map((g) => -0.1 * g * (5 / 6)))).toBeLessThan(1e-15);
    // Step 2: b = 0.9·g₁ + g₂ = (0.4, −1.9, 3.8, 0.55, 1.7); entries 0 and 4 oppose g₂, 3 kept: scale 5/4.
    const b = g1.map((g, i) => 0.9 * g + g2[i]!);
    const kept = [0, 1, 1, 1, 0];
    expect(maxRelativeError(after2!, after1!.map((x, i) => x - 0.1 * b[i]! * kept[i]! * (5 / 4)))).toBeLessThan(1e-15);
  });

  it("an entry with a zero gradient is dropped (φ needs −Δ·g > 0)", async () => {
    const [after] = await trajectory({ type: "Adam", lr: 0.1, cautious: true }, [1, 1], [[0, 2]]);
    expect(after![0]).toBe(1);
    expect(after![1]).toBeCloseTo(1 - 0.1 * (2 / 2), 6);
  });

  it("cautious Lion matches a float64 reference of C-Lion (Liang et al. 2024) step by step", async () => {
    const grads = Array.from({ length: 8 }, (_, t) => [Math.sin(t + 1), -0.7 + 0.2 * t, 0.3 * Math.cos(3 * t), 1.5 - t, 0.2]);
    const start = [0.8, -1.3, 0.25, 2.1, 0];
    const expected: number[][] = [];
    const x = [...start];
    const m = start.map(() => 0);
    for (const g of grads) {
      const update = m.map((mi, i) => Math.sign(0.9 * mi + 0.1 * g[i]!));
      const mask = update.map((u, i): number => (u * g[i]! > 0 ? 1 : 0));
      const scale = mask.length / (mask.reduce((a, b) => a + b, 0) + 1);
      x.forEach((xi, i) => (x[i] = xi - 0.01 * update[i]! * mask[i]! * scale));
      m.forEach((mi, i) => (m[i] = 0.99 * mi + 0.01 * g[i]!));
      expected.push([...x]);
    }
    const actual = await trajectory({ type: "Lion", lr: 0.01, cautious: true }, start, grads);
    expect(Math.max(...actual.map((a, t) => maxRelativeError(a, expected[t]!)))).toBeLessThan(1e-14);
    expect(await trajectory({ type: "Lion", lr: 0.01 }, start, grads)).not.toEqual(actual);
  });

  it("with maximize, it equals minimizing the negated gradients", async () => {
    const negated = [g1, g2].map((g) => g.map((v) => -v));
    expect(await trajectory({ type: "AdamW", lr: 0.1, maximize: true, cautious: true }, x0, [g1, g2])).toEqual(
      await trajectory({ type: "AdamW", lr: 0.1, cautious: true }, x0, negated),
    );
  });

  it("wraps any type, jitted too, and shows in the defaults", async () => {
    for (const spec of [{ type: "Prodigy", cautious: true }, { type: "Muon", cautious: true }, { type: "RMSprop", cautious: true }] as OptimizerSpec[]) {
      const eager = await trajectory(spec, x0, [g1, g2]);
      const jitted = await trajectory(spec, x0, [g1, g2], true);
      expect(maxRelativeError(jitted.at(-1)!, eager.at(-1)!)).toBeLessThan(1e-12);
    }
    expect(createOptimizer({ type: "SGD", cautious: true }).defaults).toMatchObject({ type: "SGD", cautious: true });
    expect(createOptimizer({ type: "SGD" }).defaults).not.toHaveProperty("cautious");
  });
});
