/**
 * Where a training step's kernels run: on jax-js's worker pool or on the calling thread.
 *
 * jax-js realises a lazy array when it is read, and the read decides where: `await a.data()`
 * sends each wasm kernel to the pool (split over its threads, one message round trip per kernel),
 * `a.dataSync()` runs them on the calling thread. A pool exists where the runtime has `Worker` and
 * `SharedArrayBuffer` (a cross-origin-isolated browser; Node with engine/node-threads.ts). Big
 * kernels gain from the pool (the seed CNN's step: 77 → 46 ms on 2 cores) and small ones lose (an
 * MLP 784-256-10 Adam step: 4.6 → 6.6 ms, since each of its many small kernels pays a round trip).
 *
 * Choices: "pool", "caller", or "auto" (default), which times the reads of the first steps both
 * ways and keeps the faster: step 0 warms up on the pool, then steps 1–8 alternate between the
 * caller and the pool (alternating, so a change in the machine's load falls on both), and the
 * lower median of four wins. After 500 steps it probes again (a warm-up step and eight timed ones),
 * so a probe spoilt by a burst of load elsewhere holds for 500 steps at most. Without a pool, or on a device other than wasm, every
 * read is asynchronous and nothing is timed. Moving from the pool to the caller waits until the
 * state's arrays are computed, since a synchronous kernel cannot read memory a worker still writes.
 */
import { jax, type JaxArray } from "../engine/index.js";

export type KernelPlacement = "auto" | "pool" | "caller";

/** jax-js's own test for creating its worker pool, which it runs once when it loads. */
function hasKernelPool(): boolean {
  return typeof SharedArrayBuffer !== "undefined" && typeof Worker !== "undefined";
}

const warmup = 1;
const probes = 4;
const reprobeEvery = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The placement of one `fit`: call `beforeStep` before the step is built (it may wait for the state)
 * and `read` to realise the step's output.
 */
export function kernelPlacement(choice: KernelPlacement, device: string) {
  const fixed: "pool" | "caller" | undefined =
    !hasKernelPool() || device !== "wasm" ? "pool" : choice === "auto" ? undefined : choice;
  let timings = { pool: [] as number[], caller: [] as number[] };
  let decided = fixed;
  /** Steps since the current probe (or decision) began. */
  let since = 0;
  let last: "pool" | "caller" = "pool";

  const current = (): "pool" | "caller" => decided ?? (since < warmup || (since - warmup) % 2 === 1 ? "pool" : "caller");

  return {
    /** Where the next step runs ("auto" while probing reports the step being probed). */
    get placement(): "pool" | "caller" {
      return current();
    },
    /** Waits, when the next step moves from the pool to the caller, until `state` is computed. */
    async beforeStep(state: unknown): Promise<void> {
      if (last === "pool" && current() === "caller") await jax.blockUntilReady(state);
    },
    /** Realises `array` where the step runs, consuming it, and returns its values. */
    async read(array: JaxArray): Promise<Float32Array> {
      const where = current();
      last = where;
      const start = performance.now();
      const values = (where === "pool" ? await array.data() : array.dataSync()) as Float32Array;
      since++;
      if (fixed !== undefined) return values;
      if (decided === undefined && since > warmup) {
        timings[where].push(performance.now() - start);
        if (timings.pool.length === probes) {
          decided = median(timings.pool) < median(timings.caller) ? "pool" : "caller";
          since = 0;
        }
      } else if (decided !== undefined && since >= reprobeEvery) {
        decided = undefined;
        timings = { pool: [], caller: [] };
        since = 0;
      }
      return values;
    },
  };
}
