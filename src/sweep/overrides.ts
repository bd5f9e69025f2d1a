/**
 * A trial is the sweep's base run config with some values replaced: its overrides, a record from
 * dotted paths into the run config (`"optimizer.lr"`, `"scheduler"`, `"batch_size"`) to values.
 * Its key — what the run store files it under, and what a resumed sweep skips — is the canonical
 * JSON of the overrides, so the same trial has the same key in every run of the sweep.
 */
import { ConfigError } from "../errors.js";

export type Overrides = Record<string, unknown>;

/**
 * JSON with object keys sorted at every depth (arrays keep their order), so equal values give
 * equal text whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/** The trial's key: the canonical JSON of its overrides, e.g. `{"optimizer.lr":0.01,"seed":1}`. */
export function trialKey(overrides: Overrides): string {
  return canonicalJson(overrides);
}

/**
 * The base config with each override written at its dotted path; the base is not modified.
 * Shorter paths are applied first, so `scheduler` picks a whole scheduler spec and
 * `scheduler.max_lr` then sets one of its arguments. A path through a value that is not an object
 * (e.g. `loss.label_smoothing` when `loss: cross_entropy`) is a ConfigError naming the path.
 */
export function applyOverrides(base: Record<string, unknown>, overrides: Overrides, where: string): Record<string, unknown> {
  const config = structuredClone(base);
  const paths = Object.keys(overrides).sort((a, b) => a.split(".").length - b.split(".").length);
  for (const path of paths) {
    const parts = path.split(".");
    let target: Record<string, unknown> = config;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const next = target[part];
      if (next === undefined) {
        target[part] = {};
      } else if (next === null || typeof next !== "object" || Array.isArray(next)) {
        const at = parts.slice(0, i + 1).join(".");
        throw new ConfigError(
          `${where}.search.space."${path}": the config's ${at} is ${JSON.stringify(next)}, not an object, so it has no "${parts[i + 1]}" to set; sweep "${at}" as a whole instead`,
          where,
          `search.space.${path}`,
          next,
        );
      }
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = structuredClone(overrides[path]);
  }
  return config;
}
