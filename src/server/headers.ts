/**
 * Headers on every response.
 *
 * Cross-origin isolation (`Cross-Origin-Opener-Policy: same-origin` with
 * `Cross-Origin-Embedder-Policy: require-corp`) makes `SharedArrayBuffer` available, which jax-js
 * needs to run its wasm kernels on several worker threads in the playground.
 *
 * The Content-Security-Policy allows only the dashboard's own scripts, styles and API:
 * `'wasm-unsafe-eval'` lets jax-js compile the wasm kernels it generates, `worker-src blob:` lets
 * it start its workers from a blob URL; nothing inline, nothing from another origin.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy": contentSecurityPolicy,
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "cross-origin-resource-policy": "same-origin",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};
