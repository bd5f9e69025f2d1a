/**
 * Test support: the shared PyTorch optimizer fixtures and a replay of their gradients.
 * Each case's six parameters are split into a [2, 2] weight and a [2] bias, so replays also
 * exercise several tensors of different shapes.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fixturesDir, maxRelativeError } from "../../../test/fixtures.js";
import { jax, type DType } from "../../engine/index.js";
import type { Hyper, Optimizer, OptimizerState, Params } from "../types.js";

const np = jax.numpy;

export interface OptimizerCase {
  name: string;
  torch: string;
  spec: Record<string, unknown> & { type: string; lr: number };
  init: number[];
  grads: number[][];
  params: number[][];
}

/**
 * The fixture is written by Python's `json`, which spells overflowed values as bare
 * `-Infinity`/`Infinity`/`NaN` (SGD_maximize diverges); JSON.parse rejects those tokens, so they
 * are quoted and turned back into numbers here.
 */
function readPythonJson<T>(relativePath: string): T {
  const text = readFileSync(resolve(fixturesDir, relativePath), "utf8").replace(/(?<=[\s,[])(-?Infinity|NaN)(?=[\s,\]])/g, '"$1"');
  return JSON.parse(text, (_key, value: unknown) => (typeof value === "string" && /^(-?Infinity|NaN)$/.test(value) ? Number(value) : value)) as T;
}

export const torchCases = readPythonJson<{ cases: OptimizerCase[] }>("torch/optimizers.json").cases;

export function torchCase(name: string): OptimizerCase {
  const found = torchCases.find((c) => c.name === name);
  if (!found) throw new Error(`no fixture case ${name}`);
  return found;
}

/** Six values as `{ "layer.weight": [2, 2], "layer.bias": [2] }`. */
export function splitParams(values: readonly number[], dtype: DType): Params {
  return {
    "layer.weight": np.array(values.slice(0, 4), { shape: [2, 2], dtype }),
    "layer.bias": np.array(values.slice(4, 6), { dtype }),
  };
}

/** The values of `params` in name order, as plain numbers; borrows `params`. */
export async function valuesOf(params: Params): Promise<number[]> {
  const out: number[] = [];
  for (const p of Object.values(params)) out.push(...(await p.ref.data()));
  return out;
}

export type Step = (params: Params, grads: Params, state: OptimizerState, hyper: Hyper) => [Params, OptimizerState];

/** Worst errors of a replay against PyTorch's parameters, over the steps compared. */
export interface ReplayErrors {
  /** max over steps and elements of |a − b| / |b|. */
  elementwise: number;
  /** max over steps of max|a − b| / max|b| (for float32, where elements pass near zero). */
  normwise: number;
  /** steps compared. */
  steps: number;
}

const float32Max = 3.4028234663852886e38;

/**
 * Replays the case's gradients through `step` from its initial values and compares with
 * PyTorch's parameters after every step. `hyper` is built per step and disposed after it. In
 * float32 the replay stops before the first step whose gradients or reference parameters leave
 * float32's range (SGD_maximize and RAdam diverge on purpose).
 */
export async function replay(
  c: OptimizerCase,
  optimizer: Optimizer,
  dtype: DType,
  step: Step = optimizer.step,
  hyper: () => Hyper = () => ({}),
): Promise<ReplayErrors> {
  const representable = (values: number[]) => dtype !== "float32" || values.every((v) => Math.abs(v) <= float32Max);
  let params = splitParams(c.init, dtype);
  let state = optimizer.init(params);
  const errors: ReplayErrors = { elementwise: 0, normwise: 0, steps: 0 };
  for (let t = 0; t < c.grads.length && representable(c.grads[t]!) && representable(c.params[t]!); t++) {
    const h = hyper();
    [params, state] = step(params, splitParams(c.grads[t]!, dtype), state, h);
    jax.tree.dispose(h);
    const actual = await valuesOf(params);
    const expected = c.params[t]!;
    const scale = Math.max(...expected.map(Math.abs));
    const worstDiff = Math.max(...actual.map((a, i) => (a === expected[i] ? 0 : Math.abs(a - expected[i]!))));
    errors.elementwise = Math.max(errors.elementwise, maxRelativeError(actual, expected));
    errors.normwise = Math.max(errors.normwise, Number.isNaN(worstDiff) ? Infinity : worstDiff / scale);
    errors.steps++;
  }
  jax.tree.dispose(params);
  jax.tree.dispose(state);
  return errors;
}
