/**
 * Numbers given on the command line, one rule for every flag: the text must read as a number
 * (not empty, not NaN), be whole where the flag counts something, and lie in the flag's range;
 * anything else is a ConfigError naming the flag, the text and what is valid, which the CLI
 * prints as one line and exit code 2.
 */
import { ConfigError } from "../errors.js";

export interface NumberRule {
  /** A count: a whole number. */
  integer?: boolean;
  /** Strictly above this (e.g. 0 for a positive η). */
  above?: number;
  /** At least this. */
  min?: number;
  /** At most this (with `min`, a range). */
  max?: number;
  /** What a value means, said in the error (e.g. "0 runs trials in this thread"). */
  note?: string;
}

export function parseNumber(text: string, flag: string, rule: NumberRule = {}): number {
  const value = Number(text);
  const fits =
    text.trim() !== "" &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  if (!fits) throw new ConfigError(`${flag}: expected ${expected(rule)}; got "${text}"`, flag, flag, text);
  return value;
}

/** `parseNumber` for a flag that may be absent. */
export function optionalNumber(text: string | undefined, flag: string, rule: NumberRule = {}): number | undefined {
  return text === undefined ? undefined : parseNumber(text, flag, rule);
}

/** A commander argument parser for the flag. */
export function numberOption(flag: string, rule: NumberRule = {}): (text: string) => number {
  return (text) => parseNumber(text, flag, rule);
}

function expected(rule: NumberRule): string {
  const kind = rule.integer ? "a whole number" : "a number";
  const range =
    rule.min !== undefined && rule.max !== undefined
      ? ` from ${rule.min} to ${rule.max}`
      : rule.above !== undefined
        ? ` > ${rule.above}`
        : rule.min !== undefined
          ? ` ≥ ${rule.min}`
          : "";
  return `${kind}${range}${rule.note ? ` (${rule.note})` : ""}`;
}
