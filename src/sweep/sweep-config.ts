/**
 * A sweep config: a run config as `lrkit train` takes it, plus a `search` block (see `search.ts`)
 * saying which of its values to vary. Every trial's config is checked up front — the run config's
 * keys and its optimizer, scheduler, clipping and model specs — so a typo fails before any training.
 */
import { parseRunSpec, type RunSpec } from "../run/index.js";
import { createHash } from "node:crypto";
import { ConfigError } from "../errors.js";
import { applyOverrides, canonicalJson, type Overrides } from "./overrides.js";
import { parseSearch, planTrials, type Search } from "./search.js";

export interface Trial {
  key: string;
  overrides: Overrides;
  /** The run config of the trial, as written (defaults are filled in by the trainer). */
  config: Record<string, unknown>;
  epochs: number;
}

export interface SweepPlan {
  search: Search;
  /** The trials in the order the search generates them. */
  trials: Trial[];
  /** Hash of the config's canonical JSON: what finds an unfinished run of the same sweep. */
  hash: string;
}

export function parseSweepConfig(input: unknown, where = "config"): SweepPlan {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ConfigError(`${where}: expected a run config with a search block; got ${JSON.stringify(input)}`, where, undefined, input);
  }
  const { search: searchInput, ...base } = input as Record<string, unknown>;
  const search = parseSearch(searchInput, where);
  const trials = planTrials(search, where).map(({ key, overrides }) => {
    const config = applyOverrides(base, overrides, where);
    return { key, overrides, config, epochs: inTrial(key, where, () => checkRunConfig(config)).epochs };
  });
  const maxEpochs = Math.max(...trials.map((t) => t.epochs));
  if (search.asha && search.asha.gracePeriod >= maxEpochs) {
    throw new ConfigError(
      `${where}.search.scheduler.grace_period: ${search.asha.gracePeriod} leaves ASHA no rung below the trials' ${maxEpochs} epochs, so it would stop nothing; use a grace_period below ${maxEpochs} or scheduler: none`,
      where,
      "search.scheduler.grace_period",
      search.asha.gracePeriod,
    );
  }
  return { search, trials, hash: configHash(input) };
}

/** `check()`, with a ConfigError it throws put under the trial: `sweep.yaml: trial {"optimizer.lr":0.1}: config.…`. */
export function inTrial<T>(key: string, where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(`${where}: trial ${key}: ${error.message}`, where, error.key, error.value);
  }
}

/** SHA-256 of the config's canonical JSON, as 16 hex digits. */
export function configHash(config: unknown): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex").slice(0, 16);
}

/** The checks a run config gets before it touches data (`parseRunSpec`); a sweep ranks trials on a validation metric, so it needs a validation split. */
function checkRunConfig(input: Record<string, unknown>): RunSpec {
  const spec = parseRunSpec(input, "config");
  if (!spec.data) throw new ConfigError("config.data: it is missing; every trial loads its data from it, e.g. data: { name: mnist }", "config", "data", undefined);
  if (!(spec.val_fraction > 0)) {
    throw new ConfigError(`config.val_fraction: a sweep ranks its trials on a validation metric, so it needs a validation split (0 < val_fraction < 1); got ${spec.val_fraction}`, "config", "val_fraction", spec.val_fraction);
  }
  return spec;
}
