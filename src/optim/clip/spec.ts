/**
 * Clipping from a config spec, with the names users know from PyTorch and Keras:
 *   { max_norm: 1.0, norm_type?: 2 | 1 | "inf" }   clip_grad_norm_            → globalNormClipping
 *   { clip_value: 0.5 }                            clip_grad_value_           → valueClipping
 *   { clipnorm: 1.0 }                              Keras optimizer clipnorm   → tensorNormClipping
 *   { agc: 0.01, eps?: 1e-3 }                      adaptive gradient clipping → adaptiveClipping
 */
import { z } from "zod";
import { ConfigError } from "../../errors.js";
import { closestName, parseSpec } from "../../spec/index.js";
import type { GradientTransformation } from "../types.js";
import { adaptiveClipping } from "./adaptive.js";
import { globalNormClipping } from "./global-norm.js";
import type { NormType } from "./norm.js";
import type { ClipState } from "./stateless.js";
import { tensorNormClipping } from "./tensor-norm.js";
import { valueClipping } from "./value.js";

const positive = z.number().positive();

/** PyTorch's norm_type; YAML's `.inf` (Infinity, as Python's `float("inf")`) means "inf". */
const normType = z
  .literal([2, 1, "inf", Infinity], { error: 'expected 2, 1 or "inf"' })
  .transform((p) => (p === Infinity ? "inf" : p) as NormType);

const schemas = {
  max_norm: z.strictObject({ max_norm: positive, norm_type: normType.default(2) }),
  clip_value: z.strictObject({ clip_value: positive }),
  clipnorm: z.strictObject({ clipnorm: positive }),
  agc: z.strictObject({ agc: positive, eps: positive.default(1e-3) }),
};

type Kind = keyof typeof schemas;
const kinds = Object.keys(schemas) as Kind[];

/** A clipping spec as written in a config (before defaults are filled in). */
export type ClippingSpec = { [K in Kind]: z.input<(typeof schemas)[K]> }[Kind];

/** A clipping spec after validation, with its defaults filled in. */
export type ResolvedClipping = { [K in Kind]: z.output<(typeof schemas)[K]> }[Kind];

/**
 * Validate a clipping spec and build its stateless gradient transformation. The spec has exactly
 * one of the keys max_norm, clip_value, clipnorm, agc; values must be positive, and unknown or
 * misspelt keys are errors. Throws a `ConfigError` naming `where`, the key, the value and what is valid.
 */
export function createClipping(spec: unknown, where = "clip"): GradientTransformation<ClipState> {
  return buildClipping(parseClippingSpec(spec, where));
}

/** The checks of `createClipping`, without building: the spec with its defaults. */
export function parseClippingSpec(spec: unknown, where = "clip"): ResolvedClipping {
  return parseSpec(schemas[kindOf(spec, where)], spec, where);
}

/** The transformation of a checked spec. */
export function buildClipping(spec: ResolvedClipping): GradientTransformation<ClipState> {
  if ("max_norm" in spec) return globalNormClipping(spec.max_norm, { normType: spec.norm_type });
  if ("clip_value" in spec) return valueClipping(spec.clip_value);
  if ("clipnorm" in spec) return tensorNormClipping(spec.clipnorm);
  return adaptiveClipping(spec.agc, spec.eps);
}

function kindOf(spec: unknown, where: string): Kind {
  const expected = `a clipping spec has exactly one of ${kinds.join(", ")}`;
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    throw new ConfigError(`${where}: expected an object; got ${JSON.stringify(spec) ?? String(spec)}; ${expected}`, where, undefined, spec);
  }
  const keys = Object.keys(spec);
  const present = kinds.filter((k) => keys.includes(k));
  if (present.length === 1) return present[0]!;
  if (present.length > 1) {
    throw new ConfigError(`${where}: ${present.join(" and ")} cannot be combined; ${expected}`, where, present[1], spec);
  }
  const guessed = keys.map((k) => [k, closestName(k, kinds)] as const).find(([, guess]) => guess !== undefined);
  if (guessed) {
    const [key, guess] = guessed;
    const value = (spec as Record<string, unknown>)[key];
    throw new ConfigError(`${where}: unknown key "${key}" (did you mean "${guess}"?); ${expected}`, where, key, value);
  }
  throw new ConfigError(`${where}: got keys ${keys.join(", ") || "(none)"}; ${expected}`, where, keys[0], spec);
}
