/**
 * The range test's settings with fastai's defaults (`lr_find(start_lr=1e-7, end_lr=10,
 * num_it=100)`, loss smoothed with β = 0.98, stop when the smoothed loss passes 4 × its best),
 * checked before any work. Errors name the option the way the caller spells it: `names` maps an
 * option to that spelling (the CLI passes its flags, e.g. `--start-lr`).
 */
import { ConfigError } from "../errors.js";
import { lrModes, type LrMode } from "./lr-sequence.js";

export interface RangeTestSettings {
  /** First η (default 1e-7). */
  startLr: number;
  /** Last η (default 10). */
  endLr: number;
  /** Optimizer steps, one per η (default 100, at least 5). */
  numIter: number;
  /** How η grows from startLr to endLr (default "exp"). */
  mode: LrMode;
  /** Stop when the smoothed loss exceeds this × its best so far (default 4; Infinity: never). */
  divergeThreshold: number;
  /** EMA coefficient of the smoothed loss (default 0.98). */
  beta: number;
  /** Batches whose gradients are averaged into each step (default 1). */
  accumulationSteps: number;
}

export type SettingNames = Partial<Record<keyof RangeTestSettings, string>>;

export const defaultSettings: RangeTestSettings = {
  startLr: 1e-7,
  endLr: 10,
  numIter: 100,
  mode: "exp",
  divergeThreshold: 4,
  beta: 0.98,
  accumulationSteps: 1,
};

export const minIterations = 5;

export function rangeTestSettings(options: Partial<RangeTestSettings>, names: SettingNames = {}, where = "lrRangeTest"): RangeTestSettings {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const s: RangeTestSettings = { ...defaultSettings, ...defined };
  const name = (key: keyof RangeTestSettings) => names[key] ?? key;
  const fail = (key: keyof RangeTestSettings, valid: string): never => {
    throw new ConfigError(`${where}: ${name(key)} must be ${valid}; got ${String(s[key])}`, where, name(key), s[key]);
  };
  if (!(s.startLr > 0 && Number.isFinite(s.startLr))) fail("startLr", "a positive finite number");
  if (!(s.endLr > 0 && Number.isFinite(s.endLr))) fail("endLr", "a positive finite number");
  if (!(s.endLr > s.startLr)) fail("endLr", `greater than ${name("startLr")} (${s.startLr}), since η grows during the test`);
  if (!(Number.isInteger(s.numIter) && s.numIter >= minIterations)) fail("numIter", `a whole number ≥ ${minIterations}`);
  if (!lrModes.includes(s.mode)) fail("mode", `one of ${lrModes.join(", ")}`);
  if (!(s.divergeThreshold > 1)) fail("divergeThreshold", "a number > 1 (Infinity never stops on divergence)");
  if (!(s.beta >= 0 && s.beta < 1)) fail("beta", "in [0, 1)");
  if (!(Number.isInteger(s.accumulationSteps) && s.accumulationSteps >= 1)) fail("accumulationSteps", "a whole number ≥ 1");
  return s;
}
