import { describe, expect, it } from "vitest";
import { jax } from "../engine/index.js";
import { createOptimizer, type OptimizerSpec } from "./index.js";
import { replay, torchCases, type Step } from "./testing/replay.js";

const np = jax.numpy;

describe.each(torchCases.map((c) => [c.name, c] as const))("PyTorch 1.13 parity: %s", (_name, c) => {
  const spec = c.spec as unknown as OptimizerSpec;

  it("matches torch.optim in float64 to 1e-9 relative, every element after every step", async () => {
    const errors = await replay(c, createOptimizer(spec), np.float64);
    expect(errors.steps).toBe(c.grads.length);
    expect(errors.elementwise).toBeLessThan(1e-9);
  });

  it("matches torch.optim in float32 to 1e-5 relative to the parameters' scale", async () => {
    const errors = await replay(c, createOptimizer(spec), np.float32);
    expect(errors.steps).toBeGreaterThanOrEqual(5); // RAdam's gradients leave float32's range after 5 steps
    expect(errors.normwise).toBeLessThan(1e-5);
  });

  it("matches torch.optim in float64 when jitted, with lr passed as a traced 0-d float64 array", async () => {
    const optimizer = createOptimizer(spec);
    const jitted = jax.jit(optimizer.step);
    // jit consumes its arguments; the hyper record stays the caller's, as with the eager step.
    const step: Step = (p, g, s, h) => jitted(p, g, s, jax.tree.ref(h));
    const hyper = () => ({ lr: np.array(c.spec.lr, { dtype: np.float64 }) });
    const errors = await replay(c, optimizer, np.float64, step, hyper);
    jitted.dispose();
    expect(errors.steps).toBe(c.grads.length);
    expect(errors.elementwise).toBeLessThan(1e-9);
  });
});
