/**
 * DoG, "distance over gradients" (Ivgi, Hinder & Carmon 2023, "DoG is SGD's Best Friend: A
 * Parameter-Free Dynamic Step Size Schedule", Algorithm 1), as the authors' `dog.DoG` computes it
 * with its default granularity (one step size for the whole parameter group):
 *
 *     r̄₀ = reps_rel·(1 + ‖x₀‖),   G₀ = ε                 (at init)
 *     r̄  ← max(r̄, ‖x − x₀‖)
 *     G  ← G + ‖g‖²
 *     u  = (r̄ / √G)·g
 *
 * with ‖·‖ the L2 norm over all of the group's tensors together. A learning-rate scaling by −lr
 * follows (the reference's `lr`, c in the paper, default 1), so x ← x − lr·r̄/√G·g; L2 weight decay
 * comes before, in the gradient. r̄ and G are 0-d arrays of the state, x₀ a copy of the initial
 * parameters.
 */
import { jax, type DType, type JaxArray, scalarLike, scalarOf } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { mapParams, scalarDtype } from "./params.js";

const np = jax.numpy;

export interface ScaleByDogOptions {
  repsRel: number;
  eps: number;
}

export interface DogState {
  rbar: JaxArray;
  gradSquares: JaxArray;
  x0: Params;
}

/** u ← (r̄/√G)·g, see the module docstring. */
export function scaleByDog({ repsRel, eps }: ScaleByDogOptions): GradientTransformation<DogState> {
  return {
    init(params) {
      const dtype = scalarDtype(params);
      const norm = np.sqrt(sumOverTensors(params, (p) => p.ref.mul(p.ref), dtype));
      return {
        rbar: norm.add(scalarOf(1, dtype)).mul(scalarOf(repsRel, dtype)),
        gradSquares: scalarOf(eps, dtype),
        x0: mapParams(params, (p) => p.ref),
      };
    },
    update(updates, state, params) {
      const dtype = state.rbar.dtype;
      const distance = np.sqrt(sumOverTensors(params, (x, name) => {
        const delta = x.ref.sub(state.x0[name]!.ref);
        return delta.ref.mul(delta);
      }, dtype));
      const rbar = np.maximum(state.rbar, distance);
      const gradSquares = state.gradSquares.add(sumOverTensors(updates, (g) => g.ref.mul(g.ref), dtype));
      const eta = rbar.ref.div(np.sqrt(gradSquares.ref));
      const out = mapParams(updates, (g) => g.mul(scalarLike(eta, g)));
      eta.dispose();
      return [out, { rbar, gradSquares, x0: state.x0 }];
    },
  };
}

/** Σ over the tensors of the sum of `square(tensor)`, in `dtype`; borrows `record`. */
function sumOverTensors(record: Params, square: (p: JaxArray, name: string) => JaxArray, dtype: DType): JaxArray {
  let total = scalarOf(0, dtype);
  for (const [name, p] of Object.entries(record)) total = total.add(square(p, name).sum().astype(dtype));
  return total;
}
