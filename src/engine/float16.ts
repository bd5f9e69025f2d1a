/**
 * jax-js 0.1.25 touches `Float16Array` whenever it builds an array from data; Node 20 has none.
 * This module installs the maintained `@petamoriken/float16` ponyfill on `globalThis` when the
 * runtime lacks the native class. It must be imported before `@jax-js/jax` is used.
 */
import { Float16Array as Float16ArrayPonyfill } from "@petamoriken/float16";

const globals = globalThis as { Float16Array?: unknown };
if (typeof globals.Float16Array === "undefined") {
  globals.Float16Array = Float16ArrayPonyfill;
}
