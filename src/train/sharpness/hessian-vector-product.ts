/**
 * The Hessian-vector product of a loss at fixed data, as forward-over-reverse differentiation:
 *
 *     Hv = ∇²J(θ)·v = d/dε ∇J(θ + εv) |_{ε=0} = jvp(∇J, (θ,), (v,))
 *
 * One HVP costs about two gradient evaluations and never forms H (Pearlmutter 1994).
 */
import { jax, type ArrayTree, type JaxArray, type Params } from "../../engine/index.js";

/** A loss of the parameters at fixed data; consumes both. */
export type ParamsLoss<D extends ArrayTree> = (params: Params, data: D) => JaxArray;

/** θ, data, v ↦ ∇²J(θ)·v over the whole parameter record; consumes its arguments. Not jitted: callers jit what they build on it. */
export function hessianVectorProduct<D extends ArrayTree>(loss: ParamsLoss<D>): (params: Params, data: D, v: Params) => Params {
  return (params, data, v) => {
    const gradient = (p: Params) => jax.grad((q: Params) => loss(q, data))(p);
    const [grad, hv] = jax.jvp(gradient, [params], [v]);
    jax.tree.dispose(grad);
    return hv;
  };
}
