/**
 * Reports on training runs: charts (Vega-Lite specs and headless SVG). Browser-safe; PNG
 * rendering is Node-only and lives in `./charts/node/index.ts`.
 */
export * from "./charts/index.js";
export * from "./html/index.js";
export * from "./diagnosis/index.js";
