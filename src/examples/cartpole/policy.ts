/**
 * The agent's networks: a policy π(a | s) = softmax(z(s))ₐ with logits z from an MLP
 * 4 → hidden → 2, and a value baseline V(s) from a separate MLP 4 → hidden → 1, both PyTorch's
 * `Sequential(Linear, Tanh|ReLU, Linear)` with PyTorch's default initialisation (src/nn).
 * Their parameters live in one flat record, prefixed "policy." and "value." ("policy.0.weight",
 * "value.2.bias"), so one optimizer steps both with the same η.
 *
 * Rollouts run the policy on the host: after each update the policy's weights are copied out
 * once (`hostPolicy`) and every environment step computes the tiny MLP in plain JS (float64 over
 * the float32 weights). Measured on this project's 2-core machine (wasm backend, hidden 32): one
 * jitted jax forward per environment step — upload the observation, run, read the probabilities
 * back — takes ≈ 0.18 ms, the JS forward ≈ 0.7 µs (≈ 250× less), and the copy ≈ 0.04 ms once per
 * update; so rollouts run on the host. The jax forward remains the one that is differentiated, in
 * the jitted update.
 */
import type { JaxArray, Params } from "../../engine/index.js";
import { initContext, linear, relu, sequential, tanh, type Layer } from "../../nn/index.js";

export type Activation = "tanh" | "relu";

export interface ActorCritic {
  readonly hidden: number;
  readonly activation: Activation;
  /** Fresh parameters for both networks, drawn from `seed` (policy first, then value). */
  init(seed: number): Params;
  /** Logits [B, 2] for observations [B, 4]; consumes `obs`, borrows `params`. Traceable. */
  logits(params: Params, obs: JaxArray): JaxArray;
  /** V(s) [B] for observations [B, 4]; consumes `obs`, borrows `params`. Traceable. */
  values(params: Params, obs: JaxArray): JaxArray;
}

export const observationSize = 4;
export const actionCount = 2;

export function actorCritic(hidden = 32, activation: Activation = "tanh"): ActorCritic {
  const act = activation === "tanh" ? tanh : relu;
  const policy = sequential(linear(observationSize, hidden), act(), linear(hidden, actionCount));
  const value = sequential(linear(observationSize, hidden), act(), linear(hidden, 1));
  const forward = (layer: Layer, prefix: string, params: Params, obs: JaxArray) => layer.apply(unprefixed(params, prefix), {}, obs, { train: true }).y;
  return {
    hidden,
    activation,
    init(seed) {
      const ctx = initContext({ seed });
      const p = policy.init(ctx, [observationSize]).params;
      const v = value.init(ctx, [observationSize]).params;
      return { ...prefixed(p, "policy."), ...prefixed(v, "value.") };
    },
    logits: (params, obs) => forward(policy, "policy.", params, obs),
    values: (params, obs) => forward(value, "value.", params, obs).reshape([-1]),
  };
}

/** The policy's probability of action 1 (push right) for one observation, computed on the host. */
export type HostPolicy = (observation: readonly number[]) => number;

/**
 * The policy network copied to the host: p(1 | s) = σ(z₁ − z₀) = softmax(z)₁ with
 * z = W₂ · act(W₁ · s + b₁) + b₂. Borrows `params`.
 */
export async function hostPolicy(params: Params, activation: Activation): Promise<HostPolicy> {
  const read = async (name: string) => Float64Array.from(await params[`policy.${name}`]!.ref.data());
  const [w1, b1, w2, b2] = await Promise.all(["0.weight", "0.bias", "2.weight", "2.bias"].map(read));
  const hidden = b1!.length;
  const h = new Float64Array(hidden);
  return (s) => {
    for (let j = 0; j < hidden; j++) {
      let sum = b1![j]!;
      for (let i = 0; i < observationSize; i++) sum += w1![j * observationSize + i]! * s[i]!;
      h[j] = activation === "tanh" ? Math.tanh(sum) : Math.max(sum, 0);
    }
    let z0 = b2![0]!;
    let z1 = b2![1]!;
    for (let j = 0; j < hidden; j++) {
      z0 += w2![j]! * h[j]!;
      z1 += w2![hidden + j]! * h[j]!;
    }
    return 1 / (1 + Math.exp(z0 - z1));
  };
}

function prefixed(record: Params, prefix: string): Params {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [prefix + k, v]));
}

function unprefixed(record: Params, prefix: string): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(record)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}
