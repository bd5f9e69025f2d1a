/**
 * Lion's update direction (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
 * Algorithm 2), elementwise:
 *
 *     c  = β₁·mₜ₋₁ + (1 − β₁)·g
 *     u  = sign(c)
 *     mₜ = β₂·mₜ₋₁ + (1 − β₂)·g
 *
 * The interpolation that is signed (β₁) and the one that is tracked (β₂) differ; `hyper.momentum`
 * replaces β₁.
 */
import type { JaxArray } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { ema } from "./scale-by-adam.js";
import { mapParams, signOf, zerosLikeParams } from "./params.js";

export interface ScaleByLionOptions {
  b1: number;
  b2: number;
}

/** u ← sign(β₁m + (1 − β₁)g), see the module docstring. */
export function scaleByLion({ b1, b2 }: ScaleByLionOptions): GradientTransformation<{ mu: Params }> {
  return {
    init: (params) => ({ mu: zerosLikeParams(params) }),
    update(updates, state, _params, hyper) {
      const beta1 = hyper.momentum ?? b1;
      const mu: Params = {};
      const out = mapParams(updates, (g, name) => {
        const m: JaxArray = state.mu[name]!;
        const direction = signOf(ema(m.ref, g.ref, beta1));
        mu[name] = ema(m, g, b2);
        return direction;
      });
      return [out, { mu }];
    },
  };
}
