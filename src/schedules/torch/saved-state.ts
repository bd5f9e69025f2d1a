/**
 * Reading scheduler state back from JSON. `state()` output must survive `JSON.stringify`, so
 * infinities (ReduceLROnPlateau's starting "best") are written as strings; a malformed saved
 * state is a ConfigError naming the key rather than a silently wrong schedule.
 */
import { ConfigError } from "../../errors.js";
import type { SchedulerState } from "../types.js";

/** A number as JSON can hold it: finite numbers as is, others as "Infinity", "-Infinity", "NaN". */
export function writeNumber(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

/** The number at `key` of a saved state, accepting what `writeNumber` writes. */
export function readNumber(state: SchedulerState, key: string, where: string): number {
  const value = state[key];
  if (typeof value === "number") return value;
  if (value === "Infinity" || value === "-Infinity" || value === "NaN") return Number(value);
  throw new ConfigError(`${where}.${key}: expected a number in the saved scheduler state; got ${describe(value)}`, where, key, value);
}

/** The object at `key` of a saved state. */
export function readRecord(state: SchedulerState, key: string, where: string): SchedulerState {
  const value = state[key];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as SchedulerState;
  throw new ConfigError(`${where}.${key}: expected an object in the saved scheduler state; got ${describe(value)}`, where, key, value);
}

/** The list of `length` objects at `key` of a saved state (the states of nested schedulers). */
export function readList(state: SchedulerState, key: string, length: number, where: string): SchedulerState[] {
  const value = state[key];
  if (Array.isArray(value) && value.length === length && value.every((v) => v !== null && typeof v === "object")) {
    return value as SchedulerState[];
  }
  throw new ConfigError(`${where}.${key}: expected a list of ${length} scheduler states; got ${describe(value)}`, where, key, value);
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
