/**
 * jax-js behind the Float16Array polyfill: the polyfill is in place before jax-js builds its first
 * array, whichever module of lrkit imports it first.
 */
import "./float16.js";
import * as jax from "@jax-js/jax";

export { jax };
export type { Array as JaxArray, DType, Device } from "@jax-js/jax";
