/**
 * How many threads jax-js's kernel pool gets: `LRKIT_THREADS`, by default one per core. Kept apart
 * from node-threads.ts, which loads jax-js, so the CLI can check its `--threads` flag first.
 */
import { availableParallelism } from "node:os";

/** The thread count `value` (default `LRKIT_THREADS`) asks for; throws naming the variable when it is not a whole number ≥ 1. */
export function requestedThreads(value = process.env.LRKIT_THREADS, name = "LRKIT_THREADS"): number {
  if (value === undefined || value.trim() === "") return availableParallelism();
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`${name} must be a whole number ≥ 1 (1 runs every kernel on the calling thread); got "${value}"`);
  }
  return threads;
}
