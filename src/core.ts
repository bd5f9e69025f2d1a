/**
 * The browser-safe core of lrkit: engine, schedules, optimizers and clipping, layers and losses,
 * the data pipeline and the trainer, chart specs — with no Node-only imports, so the same code
 * bundles for a web page. Call `await initEngine()` (e.g. `initEngine("webgpu")`) before use.
 * `index.ts` adds the Node-only parts and initialises the wasm device on import.
 */
export { jax, initEngine, scalarOf, scalarLike, toTensorData, fromTensorData, type JaxArray, type DType, type Device, type Params, type ArrayTree, type Scalar, type TensorData } from "./engine/index.js";
export { ConfigError } from "./errors.js";
export { parseSpec, closestName } from "./spec/index.js";
export * from "./schedules/index.js";
export * from "./optim/index.js";
export * from "./data/index.js";
export * as nn from "./nn/index.js";
export { createModel, createLoss, type Model, type ModelSpec, type Loss, type LossSpec } from "./nn/index.js";
export * from "./train/index.js";
export * from "./find/index.js";
export * from "./run/index.js";
export * from "./report/index.js";
export * from "./curves/index.js";
export * from "./log/index.js";
export { linearRegression, type LinearRegressionOptions, type LinearRegressionResult } from "./examples/linear-regression/index.js";
