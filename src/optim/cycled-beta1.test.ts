/**
 * The Adam family under OneCycleLR with cycle_momentum, against PyTorch 1.13 in float64
 * (test/fixtures/cycled-beta1.json, made by scripts/fixtures/cycled_beta1.py): lrkit's scheduler
 * supplies η and β₁ per step as the trainer passes them, and the bias correction must use the β₁
 * in force, 1 − β₁,ₜᵗ, as PyTorch does. (A correction from the product of the β₁ used, 1 − ∏ β₁,ₛ,
 * ends over 20% away from PyTorch's parameters on this 20-step cycle; docs/parity.md has what it
 * did to a whole training.)
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { maxRelativeError } from "../../test/fixtures.js";
import { jax, type Params } from "../engine/index.js";
import { schedulerFromInput } from "../schedules/index.js";
import { createOptimizer, type OptimizerSpec } from "./index.js";

const np = jax.numpy;

interface CycledCase {
  name: string;
  spec: OptimizerSpec & { lr: number };
  lr: number[];
  beta1: number[];
  params: number[][];
}

const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../test/fixtures/cycled-beta1.json"), "utf8")) as {
  scheduler: Record<string, unknown>;
  init: number[];
  grads: number[][];
  cases: CycledCase[];
};

const asParams = (values: number[]): Params => ({ theta: np.array(values, { dtype: np.float64 }) });

describe("a β₁ cycled by OneCycleLR matches PyTorch", () => {
  it.each(fixture.cases)("$name", async (c) => {
    const optimizer = createOptimizer(c.spec);
    const scheduler = schedulerFromInput(fixture.scheduler, c.spec.lr);
    let params = asParams(fixture.init);
    let state = optimizer.init(params);
    const lr: number[] = [];
    const beta1: number[] = [];
    const trajectory: number[] = [];
    for (const g of fixture.grads) {
      lr.push(scheduler.lr);
      beta1.push(scheduler.momentum!);
      const hyper = { lr: np.array(scheduler.lr, { dtype: np.float64 }), momentum: np.array(scheduler.momentum!, { dtype: np.float64 }) };
      [params, state] = optimizer.step(params, asParams(g), state, hyper);
      jax.tree.dispose(hyper);
      scheduler.step();
      trajectory.push(...(await params.theta!.ref.data()));
    }
    jax.tree.dispose([params, state]);
    expect(maxRelativeError(lr, c.lr)).toBeLessThan(1e-12);
    expect(maxRelativeError(beta1, c.beta1)).toBeLessThan(1e-12);
    expect(maxRelativeError(trajectory, c.params.flat())).toBeLessThan(1e-9);
  });
});
