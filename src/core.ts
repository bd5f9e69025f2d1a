/**
 * The browser-safe core of lrkit: engine, schedules, optimizers and clipping, with no Node-only
 * imports, so the same code bundles for a web page. `index.ts` adds the Node-only parts.
 */
export { jax, initEngine, type JaxArray, type DType, type Device } from "./engine/index.js";
export { ConfigError } from "./errors.js";
export { parseSpec, closestName } from "./spec/index.js";
