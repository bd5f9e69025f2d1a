/**
 * lrkit for Node: the browser-safe core plus files, datasets on disk, the run store, PNG charts and
 * checkpoints. Importing it gives jax-js a pool of worker threads for its kernels (first, before
 * jax-js loads; `LRKIT_THREADS`), installs the Float16Array polyfill jax-js needs on Node 20 and
 * initialises the wasm device.
 */
export { kernelThreads } from "./engine/node-threads.js";
import { initEngine } from "./engine/index.js";

export * from "./core.js";
export * from "./data/node/index.js";
export * from "./store/index.js";
export * from "./sweep/index.js";
export * from "./report/charts/node/index.js";
export * from "./report/node/index.js";
export * from "./train/node/index.js";
export { useDevice, releaseDevice, parseDeviceChoice, deviceChoices, missingVulkan, isSoftwareAdapter, type DeviceChoice, type DeviceInUse } from "./engine/node/index.js";
export { writeFileAtomic, checkOutputPath } from "./files/index.js";

await initEngine("wasm");
