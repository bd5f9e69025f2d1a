import { describe, expect, it } from "vitest";
import { jax, type Params } from "../engine/index.js";
import { createClipping, createOptimizer, withClipping } from "./index.js";

const np = jax.numpy;
const params = (): Params => ({ w: np.array([1, -2, 3], { dtype: np.float32 }), b: np.array([0.5], { dtype: np.float32 }) });
const grads = (): Params => ({ w: np.array([30, 40, 0], { dtype: np.float32 }), b: np.array([0], { dtype: np.float32 }) });

async function values(tree: Params): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [name, array] of Object.entries(tree)) out[name] = Array.from(await array.data());
  return out;
}

describe("withClipping", () => {
  it("clips the gradients before the optimizer sees them, jitted with η as a traced scalar, and keeps lr and groups", async () => {
    const spec = { type: "SGD" as const, lr: 0.1, momentum: 0.9 };
    const clipped = withClipping(createClipping({ max_norm: 1 }), createOptimizer(spec));
    expect(clipped.lr).toBe(0.1);
    expect(clipped.hasMomentum).toBe(true);
    const step = jax.jit((p: Params, g: Params, s: ReturnType<typeof clipped.init>, lr: jax.Array) => clipped.step(p, g, s, { lr }));
    const [next] = step(params(), grads(), clipped.init(params()), np.array(0.1, { dtype: np.float32 }));
    // ‖g‖ = 50 → g/50 = [0.6, 0.8, 0]; SGD's first step is θ − η·g.
    const got = await values(next);
    expect(got.w![0]).toBeCloseTo(1 - 0.1 * 0.6, 6);
    expect(got.w![1]).toBeCloseTo(-2 - 0.1 * 0.8, 6);
    expect(got.b![0]).toBeCloseTo(0.5, 6);
    step.dispose();
  });

  it("saves the chain's state and loads it back with the clipping state rebuilt", async () => {
    const clipped = withClipping(createClipping({ clip_value: 0.5 }), createOptimizer({ type: "Adam", lr: 1e-3 }));
    const [, state] = clipped.step(params(), grads(), clipped.init(params()));
    const saved = await clipped.saveState(state);
    const loaded = clipped.loadState(saved, params());
    expect(await clipped.saveState(loaded)).toEqual(saved);
    expect(loaded.clip).toEqual({});
  });
});
