/**
 * The diagonal preconditioner of an adaptive optimizer, as S = P^{-1/2} for the sharpness probe:
 *
 *     Adam:     P = diag(√v̂ + ε),  v̂ = v / (1 − β₂ᵗ)     (bias-corrected second moment after t steps)
 *     RMSprop:  P = diag(√v + ε)
 *
 * so the probe's S·H·S has the eigenvalues of P⁻¹H (Cohen et al. 2022, arXiv 2207.14484).
 */
import { jax, type ArrayTree, type Params } from "../../engine/index.js";
import type { OptimizerState } from "../../optim/index.js";
import type { SharpnessRule } from "./threshold.js";

const np = jax.numpy;

/** S = (√(v / c) + ε)^{-1/2} per parameter, c = 1 − β₂ᵗ for Adam and 1 for RMSprop; borrows `nu`. */
export function inverseSqrtPreconditioner(nu: Params, { eps, biasCorrection = 1 }: { eps: number; biasCorrection?: number }): Params {
  const out: Params = {};
  for (const [name, v] of Object.entries(nu)) out[name] = np.reciprocal(np.sqrt(np.sqrt(v.ref.div(biasCorrection)).add(eps)));
  return out;
}

/** Adam's S after `t` steps with second-moment decay `b2`. */
export function adamPreconditioner(nu: Params, { t, b2, eps }: { t: number; b2: number; eps: number }): Params {
  return inverseSqrtPreconditioner(nu, { eps, biasCorrection: 1 - b2 ** t });
}

/**
 * Every second-moment record `nu` in an optimizer state (scaleByAdam's, scaleByRms's), merged
 * over the parameter groups (each holds its own parameters'); borrowed from the state.
 */
function secondMoments(optState: OptimizerState): Params {
  const found: Params = {};
  const visit = (tree: ArrayTree): void => {
    if (Array.isArray(tree)) tree.forEach(visit);
    else if (tree !== null && typeof tree === "object" && !(tree instanceof jax.Array)) {
      const record = tree as Record<string, ArrayTree>;
      if (record.nu !== undefined) Object.assign(found, record.nu);
      else Object.values(record).forEach(visit);
    }
  };
  optState.groups.forEach(visit);
  return found;
}

/** How an adaptive optimizer preconditions: the stability rule of P⁻¹H and S = P^{-1/2} from its state. */
export interface Preconditioning {
  /** The rule at the step's β₁ (`momentum`, where a scheduler cycles it; else the spec's). */
  rule(momentum: number | undefined): SharpnessRule;
  /** S after `t` steps, from the state's second moments (top-level β₂/α and ε); the caller disposes it. */
  scale(optState: OptimizerState, t: number): Params;
}

function adamPreconditioning(options: Record<string, unknown>): Preconditioning {
  const [b1, b2] = options.betas as [number, number];
  return { rule: (momentum) => ({ kind: "adam", b1: momentum ?? b1 }), scale: (state, t) => adamPreconditioner(secondMoments(state), { t, b2, eps: options.eps as number }) };
}

/** Each optimizer type whose preconditioned sharpness has a stability threshold here, and how it preconditions with resolved options. */
const preconditionings: Readonly<Record<string, (options: Record<string, unknown>) => Preconditioning>> = {
  Adam: adamPreconditioning,
  AdamW: adamPreconditioning,
  RMSprop: (options) => ({ rule: () => ({ kind: "rmsprop" }), scale: (state) => inverseSqrtPreconditioner(secondMoments(state), { eps: options.eps as number }) }),
};

/** The optimizers whose preconditioned sharpness has a stability threshold here. */
export const preconditionedTypes: readonly string[] = Object.keys(preconditionings);

/** The preconditioning of Adam, AdamW or RMSprop with resolved `options`; undefined for any other type. */
export function preconditioningOf(type: string, options: Record<string, unknown>): Preconditioning | undefined {
  return preconditionings[type]?.(options);
}
