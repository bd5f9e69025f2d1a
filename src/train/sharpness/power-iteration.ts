/**
 * λ_max of the Hessian of a loss by power iteration on Hessian-vector products, optionally of
 * the symmetrically preconditioned Hessian S·H·S with S = P^{-1/2} diagonal, whose eigenvalues are
 * those of P⁻¹H (Cohen et al. 2022, arXiv 2207.14484, §3: the "preconditioned sharpness"):
 *
 *     v₀ ~ N(0, I) with a fixed seed,  v₀ ← v₀ / ‖v₀‖          (‖·‖ over the whole parameter record)
 *     for k = 1..iters:  u = S·H·(S·v),  λ = vᵀu (Rayleigh quotient),  v ← u / ‖u‖
 *
 * It converges to the eigenvalue of largest magnitude (for a loss near a minimum, the largest),
 * with error of order (|λ₂|/|λ₁|)^{2k} in λ. Each iteration is one HVP, so a probe costs
 * ≈ 2·iters gradient evaluations. The iteration step is jitted once per probe function.
 */
import { jax, type ArrayTree, type JaxArray, type Params } from "../../engine/index.js";
import { hessianVectorProduct, type ParamsLoss } from "./hessian-vector-product.js";

const np = jax.numpy;

export interface SharpnessOptions {
  /** Power iterations (HVPs) per probe. */
  iters: number;
  /** Seed of the random start vector. */
  seed?: number;
}

/** Σ over the record of Σ aᵢbᵢ, in float32; borrows both. */
function dot(a: Params, b: Params): JaxArray {
  return Object.keys(a)
    .map((name) => np.sum(a[name]!.ref.mul(b[name]!.ref)).astype(np.float32))
    .reduce((x, y) => x.add(y));
}

function scaled(v: Params, by: JaxArray): Params {
  const out: Params = {};
  for (const [name, leaf] of Object.entries(v)) out[name] = leaf.mul(by.ref.astype(leaf.dtype));
  by.dispose();
  return out;
}

function elementwise(v: Params, s: Params): Params {
  const out: Params = {};
  for (const [name, leaf] of Object.entries(v)) out[name] = leaf.mul(s[name]!.ref);
  return out;
}

/** A unit vector with i.i.d. normal direction, shaped and typed like `like` (borrowed). */
export function randomUnit(like: Params, seed: number): Params {
  const names = Object.keys(like);
  const keys = jax.random.split(jax.random.key(seed), names.length);
  const v: Params = {};
  names.forEach((name, i) => {
    const leaf = like[name]!;
    v[name] = jax.random.normal(keys.ref.slice(i), leaf.shape).astype(leaf.dtype);
  });
  keys.dispose();
  return scaled(v, np.reciprocal(np.sqrt(dot(v, v))));
}

/**
 * A sharpness probe for `loss`: `probe(params, data, scale?)` borrows its arguments and returns
 * λ_max of S·H·S at θ = params on `data`, with S = `scale` (P^{-1/2}, per parameter) or I.
 * `dispose()` frees the compiled step.
 */
export function sharpnessProbe<D extends ArrayTree>(loss: ParamsLoss<D>, { iters, seed = 0 }: SharpnessOptions) {
  const hvp = hessianVectorProduct(loss);
  const step = jax.jit((params: Params, data: D, scale: Params, v: Params): { next: Params; rayleigh: JaxArray } => {
    const hv = elementwise(hvp(params, data, elementwise(jax.tree.ref(v), scale)), scale);
    const rayleigh = dot(v, hv);
    jax.tree.dispose(v);
    jax.tree.dispose(scale);
    const next = scaled(hv, np.reciprocal(np.sqrt(dot(hv, hv))));
    return { next, rayleigh };
  });

  async function probe(params: Params, data: D, scale?: Params): Promise<number> {
    const identity = scale ?? Object.fromEntries(Object.entries(params).map(([name, p]) => [name, np.ones(p.shape, { dtype: p.dtype })]));
    let v = randomUnit(params, seed);
    let lambda = NaN;
    try {
      for (let k = 0; k < iters; k++) {
        const out = step(jax.tree.ref(params), jax.tree.ref(data) as Parameters<typeof step>[1], jax.tree.ref(identity), v);
        v = out.next;
        lambda = (await out.rayleigh.data())[0]!;
      }
    } finally {
      jax.tree.dispose(v);
      if (!scale) jax.tree.dispose(identity);
    }
    return lambda;
  }

  return { probe, dispose: () => step.dispose() };
}
