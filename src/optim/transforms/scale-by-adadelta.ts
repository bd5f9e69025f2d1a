/**
 * Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method"), as PyTorch computes it:
 *
 *     vₜ = ρ·vₜ₋₁ + (1 − ρ)·g²
 *     Δ  = √(aₜ₋₁ + ε) / √(vₜ + ε) · g
 *     aₜ = ρ·aₜ₋₁ + (1 − ρ)·Δ²
 *     u  = Δ
 *
 * ε enters inside both square roots; PyTorch then scales Δ by `lr` (1.0 by default).
 */
import { jax, scalarLike } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { emaOfSquare } from "./scale-by-adam.js";
import { mapParams, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScaleByAdadeltaOptions {
  rho: number;
  eps: number;
}

export interface AdadeltaState {
  nu: Params;
  deltaNu: Params;
}

/** u ← √(a + ε)/√(v + ε)·g, see the module docstring. */
export function scaleByAdadelta({ rho, eps }: ScaleByAdadeltaOptions): GradientTransformation<AdadeltaState> {
  return {
    init: (params) => ({ nu: zerosLikeParams(params), deltaNu: zerosLikeParams(params) }),
    update(updates, state) {
      const nu: Params = {};
      const deltaNu: Params = {};
      const out = mapParams(updates, (g, name) => {
        const v = emaOfSquare(state.nu[name]!, g.ref, rho);
        nu[name] = v.ref;
        const a = state.deltaNu[name]!;
        const std = np.sqrt(v.add(scalarLike(eps, g)));
        const delta = np.sqrt(a.ref.add(scalarLike(eps, g))).div(std).mul(g);
        deltaNu[name] = emaOfSquare(a, delta.ref, rho);
        return delta;
      });
      return [out, { nu, deltaNu }];
    },
  };
}
