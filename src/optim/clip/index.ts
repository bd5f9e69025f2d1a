/**
 * Gradient clipping: functions that clip a record of gradients, the same as stateless gradient
 * transformations (to put first in an optimizer chain), and `createClipping` for config specs.
 */
export { clipByValue, valueClipping } from "./value.js";
export {
  clipByGlobalNorm,
  globalNormClipping,
  readTotalNorm,
  NonFiniteNormError,
  type GlobalNormOptions,
  type GlobalNormClipped,
} from "./global-norm.js";
export { clipByTensorNorm, tensorNormClipping } from "./tensor-norm.js";
export { adaptiveGradClip, adaptiveClipping } from "./adaptive.js";
export { createClipping, parseClippingSpec, buildClipping, type ClippingSpec, type ResolvedClipping } from "./spec.js";
export type { NormType } from "./norm.js";
export type { ClipState } from "./stateless.js";
