/**
 * STUB owned by the closed-form-schedules helper; replaced by the real implementation.
 * Agreed signature: the closed-form spec types (snake_case, e.g. "warmup_cosine") and a builder
 * that validates such a spec and returns its Schedule. `baseLr` fills the schedule's peak/initial
 * value when the spec leaves it out.
 */
import type { Schedule } from "../types.js";

export const closedFormTypes: readonly string[] = [];

export function closedFormFromSpec(spec: unknown, baseLr: number, where: string): Schedule {
  throw new Error(`closed-form schedules are not implemented yet (${where}: ${JSON.stringify(spec)}, base lr ${baseLr})`);
}
