/**
 * Momentum as PyTorch's SGD keeps it (also RMSprop's momentum buffer, which is the same trace
 * with no dampening):
 *
 *     b₁ ← u                          (first step: the buffer starts as the update itself)
 *     bₜ ← μ·bₜ₋₁ + (1 − τ)·u         (later steps; τ = dampening)
 *     u  ← u + μ·bₜ  if nesterov, else u ← bₜ
 *
 * Starting the buffer at the first update (not at zero) is PyTorch's choice; for τ = 0 it
 * equals a zero start exactly (μ·0 + 1·u = u), so the per-element select of the first step is only
 * compiled in when τ ≠ 0 — it cost half of an SGD step's kernels on 10 M parameters. μ is
 * `hyper.momentum` when given (e.g. OneCycleLR's cycled momentum).
 */
import { jax, type JaxArray, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface TraceOptions {
  momentum: number;
  dampening: number;
  nesterov: boolean;
}

export interface TraceState {
  count: JaxArray;
  trace: Params;
}

/** PyTorch's momentum buffer (see the module docstring). */
export function trace({ momentum, dampening, nesterov }: TraceOptions): GradientTransformation<TraceState> {
  return {
    init: (params) => ({ count: scalarState(params, 0), trace: zerosLikeParams(params) }),
    update(updates, state, _params, hyper) {
      const mu = hyper.momentum ?? momentum;
      const first = state.count.ref.equal(scalarLike(0, state.count));
      const trace: Params = {};
      const out = mapParams(updates, (u, name) => {
        const later = state.trace[name]!.mul(scalarLike(mu, u)).add(u.ref.mul(oneMinus(dampening, u)));
        const buffer = dampening === 0 ? later : np.where(first.ref, u.ref, later);
        trace[name] = buffer.ref;
        if (nesterov) return u.add(buffer.mul(scalarLike(mu, buffer)));
        u.dispose();
        return buffer;
      });
      first.dispose();
      const count = state.count.add(scalarLike(1, state.count));
      return [out, { count, trace }];
    },
  };
}
