/**
 * One swept parameter of a search space, as written in a sweep config:
 *
 *   { values: [0.1, 0.01] }          # these values (numbers, strings, whole specs)
 *   { uniform: [a, b] }              # a real number in [a, b)
 *   { loguniform: [a, b] }           # a real number in [a, b) whose logarithm is uniform (0 < a)
 *   { int: [a, b] }                  # an integer in a … b, both included
 *
 * A random search samples each trial's value; a grid search takes every value of a `values` list,
 * and of a range `points: n` values spaced evenly (on a log scale for `loguniform`), ends included.
 * Ranges must be non-empty (a < b), so a one-value parameter is written `values: [x]`.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { parseSpec } from "../spec/index.js";
import { canonicalJson } from "./overrides.js";

const points = z.int().min(2);
const range = z.tuple([z.number(), z.number()]);

const kinds = {
  values: z.strictObject({ values: z.array(z.unknown()).min(1) }),
  uniform: z.strictObject({ uniform: range, points: points.optional() }),
  loguniform: z.strictObject({ loguniform: range, points: points.optional() }),
  int: z.strictObject({ int: z.tuple([z.int(), z.int()]), points: points.optional() }),
};

type Kind = keyof typeof kinds;
const kindNames = Object.keys(kinds) as Kind[];

export type ParamSpec =
  | { kind: "values"; values: unknown[] }
  | { kind: "uniform" | "loguniform" | "int"; low: number; high: number; points?: number };

/** `where` names the parameter in errors, e.g. `sweep.yaml.search.space."optimizer.lr"`. */
export function parseParamSpec(input: unknown, where: string): ParamSpec {
  const present = input !== null && typeof input === "object" && !Array.isArray(input) ? kindNames.filter((k) => k in input) : [];
  if (present.length !== 1) {
    const got = present.length > 1 ? `both ${present.join(" and ")}` : JSON.stringify(input);
    throw new ConfigError(
      `${where}: expected exactly one of { values: [...] }, { uniform: [a, b] }, { loguniform: [a, b] }, { int: [a, b] } (a range takes points: n in a grid search); got ${got}`,
      where,
      undefined,
      input,
    );
  }
  const kind = present[0]!;
  if (kind === "values") {
    const { values } = parseSpec(kinds.values, input, where);
    const seen = new Set<string>();
    for (const value of values) {
      const text = canonicalJson(value);
      if (seen.has(text)) throw new ConfigError(`${where}.values: ${text} is listed twice; list each value once`, where, "values", value);
      seen.add(text);
    }
    return { kind, values };
  }
  const parsed = parseSpec(kinds[kind], input, where) as { points?: number } & Record<Kind, [number, number]>;
  const [low, high] = parsed[kind];
  if (!(low < high)) {
    throw new ConfigError(`${where}.${kind}: the range [${low}, ${high}] is empty; write it [low, high] with low < high (or use values: [${low}] for one value)`, where, kind, [low, high]);
  }
  if (kind === "loguniform" && !(low > 0)) {
    throw new ConfigError(`${where}.loguniform: the range [${low}, ${high}] must be positive (0 < low < high) to be spaced on a log scale`, where, kind, [low, high]);
  }
  if (kind === "int" && parsed.points !== undefined && parsed.points > high - low + 1) {
    throw new ConfigError(`${where}.points: ${parsed.points} points do not fit the ${high - low + 1} integers ${low} … ${high}; use at most ${high - low + 1}`, where, "points", parsed.points);
  }
  return parsed.points === undefined ? { kind, low, high } : { kind, low, high, points: parsed.points };
}

/**
 * The parameter's values in a grid search: a `values` list as given; for a range [a, b] with n
 * points, x_k = a + (b − a)·k/(n − 1) for k = 0 … n − 1 (`uniform`), 10^(log₁₀a + (log₁₀b − log₁₀a)·k/(n − 1))
 * (`loguniform`, so [1e-4, 1] with 5 points is 1e-4, 1e-3, …, 1), or the uniform x_k rounded to the
 * nearest integer (`int`). Real values are rounded to 12 significant digits, which removes the
 * floating-point noise of the formula (0.001, not 0.0010000000000000002) and keeps keys readable.
 */
export function gridValues(param: ParamSpec, where: string): unknown[] {
  if (param.kind === "values") return param.values;
  const { low, high, points: n } = param;
  if (n === undefined) {
    throw new ConfigError(`${where}: a grid search needs a list of values; give this range points: n (evenly spaced values, ends included) or write values: [...]`, where, "points", undefined);
  }
  const at = (k: number) => {
    const t = k / (n - 1);
    if (param.kind === "loguniform") return tidy(10 ** (Math.log10(low) + (Math.log10(high) - Math.log10(low)) * t));
    const x = low + (high - low) * t;
    return param.kind === "int" ? Math.round(x) : tidy(x);
  };
  return Array.from({ length: n }, (_, k) => at(k));
}

/**
 * One value drawn from the parameter with `rng`: a `values` entry with equal probability; for
 * [a, b) and u uniform in [0, 1) (53 random bits), a + u·(b − a) (`uniform`) or
 * 10^(log₁₀a + u·(log₁₀b − log₁₀a)) (`loguniform`), rounded to 12 significant digits; an integer
 * of a … b with equal probability (`int`, exact rejection sampling). `points` plays no part here.
 */
export function sampleValue(param: ParamSpec, rng: RandomGenerator): unknown {
  switch (param.kind) {
    case "values":
      return param.values[uniformInt(rng, 0, param.values.length - 1)];
    case "int":
      return uniformInt(rng, param.low, param.high);
    case "uniform":
      return tidy(param.low + uniformFloat64(rng) * (param.high - param.low));
    case "loguniform": {
      const [a, b] = [Math.log10(param.low), Math.log10(param.high)];
      return tidy(10 ** (a + uniformFloat64(rng) * (b - a)));
    }
  }
}

function tidy(x: number): number {
  return Number(x.toPrecision(12));
}
