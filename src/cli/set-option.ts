/**
 * `--set key.path=value`: command-line overrides applied to a parsed run config before it is
 * validated, so `--set optimizer.lr=3e-3 --set epochs=1` changes a recipe without editing it.
 */
import { parse as parseYaml } from "yaml";
import { ConfigError } from "../errors.js";

/** One `--set` argument: the dotted key path, the value parsed as a YAML scalar or flow list, and the argument as given. */
export interface SetOverride {
  path: string[];
  value: unknown;
  argument: string;
}

/** Commander collector for a repeatable `--set`: parses each argument as it comes, so a bad one is a usage error naming it. */
export function collectSet(argument: string, previous: SetOverride[] = []): SetOverride[] {
  return [...previous, parseSet(argument)];
}

/** Parses `key.path=value`; the value is YAML (`3e-3` a number, `true` a boolean, `null`, `[1, 2]` a list, else a string). */
export function parseSet(argument: string): SetOverride {
  const at = argument.indexOf("=");
  if (at < 0) throw new ConfigError(`--set "${argument}": expected key.path=value, e.g. --set optimizer.lr=3e-3`, "--set", "set", argument);
  const path = argument.slice(0, at).trim().split(".");
  if (path.some((part) => part === "")) {
    throw new ConfigError(`--set "${argument}": the key "${argument.slice(0, at)}" has an empty part; expected key.path=value, e.g. --set optimizer.lr=3e-3`, "--set", "set", argument);
  }
  let value: unknown;
  try {
    value = parseYaml(argument.slice(at + 1));
  } catch (error) {
    throw new ConfigError(`--set "${argument}": the value is not a YAML scalar or flow list (${(error as Error).message})`, "--set", "set", argument);
  }
  return { path, value: value === undefined ? null : value, argument };
}

/** The config with each override written at its key path (later ones win); missing objects on the way are created. */
export function applySets(config: Record<string, unknown>, sets: readonly SetOverride[]): Record<string, unknown> {
  const out = structuredClone(config);
  for (const { path, value, argument } of sets) {
    let node: Record<string, unknown> = out;
    for (const [i, part] of path.slice(0, -1).entries()) {
      const next = node[part];
      if (next === undefined || next === null) node[part] = {};
      else if (typeof next !== "object" || Array.isArray(next)) {
        throw new ConfigError(`--set "${argument}": ${path.slice(0, i + 1).join(".")} is ${JSON.stringify(next)}, not an object with keys`, "--set", path.join("."), value);
      }
      node = node[part] as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return out;
}

/** A validation error on an overridden key, its message saying the bad value came from --set; other errors unchanged. */
export function blameSets(error: unknown, sets: readonly SetOverride[]): unknown {
  if (!(error instanceof ConfigError)) return error;
  const set = [...sets].reverse().find(({ path }) => error.message.includes(path.join(".")));
  if (!set) return error;
  return new ConfigError(`${error.message} (the value came from --set ${set.argument})`, error.where, error.key, error.value);
}

/** Runs a validation step on an overridden config, saying so when the bad value came from --set. */
export function withSets<T>(sets: readonly SetOverride[], validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    throw blameSets(error, sets);
  }
}
