/** Argument checks shared by the clipping functions. */
import { ConfigError } from "../../errors.js";
import type { Scalar } from "../types.js";
import { normTypes, type NormType } from "./norm.js";

/**
 * Reject a threshold that is a number but not positive and finite (an array threshold is traced
 * and cannot be checked on the host). PyTorch does not check, and a negative `max_norm` there
 * silently flips the gradient's sign.
 */
export function requirePositive(where: string, key: string, value: Scalar): void {
  if (typeof value === "number" && !(value > 0 && Number.isFinite(value))) {
    throw new ConfigError(`${where}: ${key} must be a positive finite number; got ${value}`, where, key, value);
  }
}

/** Reject a norm order other than 2, 1 or "inf" (for callers from plain JavaScript). */
export function requireNormType(where: string, normType: NormType): void {
  if (!normTypes.includes(normType)) {
    throw new ConfigError(`${where}: unknown normType ${JSON.stringify(normType)}; valid: 2, 1, "inf"`, where, "normType", normType);
  }
}
