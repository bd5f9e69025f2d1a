/**
 * Checks of layer arguments shared by the layers; a bad one is a ConfigError naming the argument
 * (PyTorch's name for it), the value and what is valid.
 */
import { ConfigError } from "../errors.js";

/** A size or step given once for both spatial dimensions or as [height, width], as PyTorch's `_pair`. */
export type Pair = number | [number, number];

/** `value` as [height, width], each an integer ≥ min. */
export function pair(key: string, value: Pair, min: number): [number, number] {
  const p: [number, number] = typeof value === "number" ? [value, value] : value;
  if (p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < min)) {
    throw new ConfigError(`${key}: must be an integer ≥ ${min} or a pair of them; got ${JSON.stringify(value)}`, "model", key, value);
  }
  return p;
}

export function checkPositiveInt(key: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${key}: must be a positive integer; got ${value}`, "model", key, value);
}
