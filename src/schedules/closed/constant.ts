/** The constant schedule. */
import type { Schedule } from "../types.js";

export interface ConstantOptions {
  value: number;
}

/** η(t) = value at every step t (optax `constant_schedule`). */
export function constantSchedule({ value }: ConstantOptions): Schedule {
  return () => value;
}
