/**
 * The `search` block of a sweep config: which trials to run and how to judge them.
 *
 *   search:
 *     method: grid                 # grid: every combination; random: `trials` seeded draws
 *     trials: 20                   # random only
 *     seed: 0                      # random draws, and the order trials start in under ASHA
 *     metric: loss                 # the validation metric trials are ranked (and ASHA decides) on
 *     mode: min                    # default: max for accuracy-like names (see higherIsBetter), else min
 *     scheduler: asha              # none (default) | asha | { type: asha, reduction_factor: 3, grace_period: 1 }
 *     space:
 *       optimizer.lr: { loguniform: [1.0e-4, 1], points: 9 }
 *       scheduler: { values: [{ type: OneCycleLR, max_lr: 0.1 }, { type: CosineAnnealingLR, T_max: 10 }] }
 *       batch_size: { values: [32, 64] }
 *
 * Space keys are dotted paths into the run config; the first part must be a run config key.
 */
import { runSpecKeys } from "../run/index.js";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { z } from "zod";
import { seededGenerator } from "../data/index.js";
import { ConfigError } from "../errors.js";
import { closestName, parseSpec } from "../spec/index.js";
import { higherIsBetter } from "../store/index.js";
import { trialKey, type Overrides } from "./overrides.js";
import { gridValues, parseParamSpec, sampleValue, type ParamSpec } from "./space.js";

/** Seed purposes of the sweep's generators (see `seededGenerator`), apart from the data pipeline's. */
export const searchPurpose = { sample: 101, order: 102 } as const;

const ashaSpec = z.strictObject({
  type: z.literal("asha"),
  reduction_factor: z.int().min(2).default(3),
  grace_period: z.int().min(1).default(1),
});

const searchSchema = z.strictObject({
  method: z.enum(["grid", "random"]),
  trials: z.int().positive().optional(),
  seed: z.int().default(0),
  metric: z.string().min(1).default("loss"),
  mode: z.enum(["min", "max"]).optional(),
  scheduler: z.union([z.enum(["none", "asha"]), ashaSpec]).default("none"),
  space: z.record(z.string(), z.unknown()),
});

export interface AshaSettings {
  reductionFactor: number;
  gracePeriod: number;
}

export interface Search {
  method: "grid" | "random";
  trials?: number;
  seed: number;
  metric: string;
  mode: "min" | "max";
  /** Undefined for `scheduler: none`. */
  asha?: AshaSettings;
  space: Record<string, ParamSpec>;
}

export interface PlannedTrial {
  key: string;
  overrides: Overrides;
}

/** Validates the `search` block; `where` is the config's name (e.g. the file). */
export function parseSearch(input: unknown, where: string): Search {
  const at = `${where}.search`;
  if (input === undefined) {
    throw new ConfigError(`${at}: it is missing; e.g. search: { method: grid, space: { optimizer.lr: { values: [0.1, 0.01] } } }`, where, "search", input);
  }
  const parsed = parseSpec(searchSchema, input, at);
  const paths = Object.keys(parsed.space);
  if (paths.length === 0) throw new ConfigError(`${at}.space: it is empty; name at least one parameter, e.g. optimizer.lr: { values: [0.1, 0.01] }`, where, "search.space", parsed.space);
  const valid = runSpecKeys;
  const space: Record<string, ParamSpec> = {};
  for (const path of paths) {
    const parts = path.split(".");
    const top = parts[0]!;
    if (parts.some((p) => p === "")) throw new ConfigError(`${at}.space."${path}": a path has no empty parts; e.g. optimizer.lr`, where, `search.space.${path}`, path);
    if (!valid.includes(top)) {
      const guess = closestName(top, valid);
      const hint = guess ? ` (did you mean "${[guess, ...parts.slice(1)].join(".")}"?)` : "";
      throw new ConfigError(`${at}.space."${path}": "${top}" is not a run config key${hint}; valid: ${valid.join(", ")}`, where, `search.space.${path}`, path);
    }
    space[path] = parseParamSpec(parsed.space[path], `${at}.space."${path}"`);
  }
  if (parsed.method === "grid" && parsed.trials !== undefined) {
    throw new ConfigError(`${at}.trials: a grid search runs every combination of the space; trials (${parsed.trials}) is for method: random`, where, "search.trials", parsed.trials);
  }
  if (parsed.method === "random" && parsed.trials === undefined) {
    throw new ConfigError(`${at}.trials: a random search needs the number of trials to draw, e.g. trials: 20`, where, "search.trials", undefined);
  }
  const scheduler = parsed.scheduler === "asha" ? ashaSpec.parse({ type: "asha" }) : parsed.scheduler;
  return {
    method: parsed.method,
    ...(parsed.trials === undefined ? {} : { trials: parsed.trials }),
    seed: parsed.seed,
    metric: parsed.metric,
    mode: parsed.mode ?? (higherIsBetter(parsed.metric) ? "max" : "min"),
    ...(scheduler === "none" ? {} : { asha: { reductionFactor: scheduler.reduction_factor, gracePeriod: scheduler.grace_period } }),
    space,
  };
}

/**
 * The trials of the search, each with its overrides and key.
 *
 * Grid: the cartesian product of the parameters' grid values, the first parameter varying slowest.
 * Random: trial i draws its parameters in the order the space lists them from its own generator,
 * seeded by (seed, i), so trial i is the same whatever `trials` is; a draw that repeats an earlier
 * trial is redrawn. A space with fewer distinct combinations than `trials` is a ConfigError.
 */
export function planTrials(search: Search, where: string): PlannedTrial[] {
  const paths = Object.keys(search.space);
  if (search.method === "grid") {
    let combos: Overrides[] = [{}];
    for (const path of paths) {
      const values = gridValues(search.space[path]!, `${where}.search.space."${path}"`);
      combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [path]: value })));
    }
    return combos.map((overrides) => ({ key: trialKey(overrides), overrides }));
  }
  const wanted = search.trials!;
  const distinct = paths.reduce((n, p) => {
    const param = search.space[p]!;
    return n * (param.kind === "values" ? param.values.length : param.kind === "int" ? param.high - param.low + 1 : Infinity);
  }, 1);
  if (distinct < wanted) {
    throw new ConfigError(
      `${where}.search.trials: ${wanted} trials, but the space has only ${distinct} distinct combinations; draw at most ${distinct}, or use method: grid`,
      where,
      "search.trials",
      wanted,
    );
  }
  const seen = new Set<string>();
  return Array.from({ length: wanted }, (_, i) => {
    const rng = seededGenerator(search.seed, searchPurpose.sample, i);
    for (;;) {
      const overrides = draw(search.space, paths, rng);
      const key = trialKey(overrides);
      if (!seen.has(key)) {
        seen.add(key);
        return { key, overrides };
      }
    }
  });
}

function draw(space: Record<string, ParamSpec>, paths: string[], rng: RandomGenerator): Overrides {
  return Object.fromEntries(paths.map((path) => [path, sampleValue(space[path]!, rng)]));
}
