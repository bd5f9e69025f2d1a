/**
 * Different transformations for different parameters, chosen per parameter (optax's
 * `partition`): each parameter gets a label from `labelOf(name, array)`, and the parameters with
 * one label are updated by that label's transformation, with its own state:
 *
 *     u[name] ← transforms[labelOf(name, θ[name])].update(u restricted to that label)[name]
 *
 * The label is a function of the parameter's name and shape, fixed at trace time, so a step stays
 * jittable. Muon uses it to send matrices through Newton–Schulz and the rest through AdamW. The
 * state is a record of the labels' states (every label has one, even with no parameter).
 */
import type { JaxArray } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";

/** Route each parameter to `transforms[labelOf(name, p)]`, see the module docstring. */
export function partition<L extends string>(
  transforms: Record<L, GradientTransformation<unknown>>,
  labelOf: (name: string, p: JaxArray) => L,
): GradientTransformation<Record<L, unknown>> {
  const labels = Object.keys(transforms) as L[];
  const split = (record: Params, params: Params): Record<L, Params> => {
    const out = Object.fromEntries(labels.map((label) => [label, {}])) as Record<string, Params>;
    for (const [name, value] of Object.entries(record)) out[labelOf(name, params[name]!)]![name] = value;
    return out as Record<L, Params>;
  };
  return {
    init: (params) => {
      const parts = split(params, params);
      return Object.fromEntries(labels.map((label) => [label, transforms[label].init(parts[label])])) as Record<L, unknown>;
    },
    update(updates, state, params, hyper) {
      const parts = split(updates, params);
      const paramParts = split(params, params);
      const merged: Params = {};
      const next = {} as Record<L, unknown>;
      for (const label of labels) {
        const [u, s] = transforms[label].update(parts[label], state[label], paramParts[label], hyper);
        Object.assign(merged, u);
        next[label] = s;
      }
      const out: Params = {};
      for (const name of Object.keys(updates)) out[name] = merged[name]!;
      return [out, next];
    },
  };
}
