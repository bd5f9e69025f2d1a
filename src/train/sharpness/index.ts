/**
 * Sharpness: λ_max of the loss's Hessian (or of the optimizer-preconditioned P⁻¹H) by power
 * iteration on Hessian-vector products, and the step sizes' stability thresholds it is compared to.
 */
export { hessianVectorProduct, type ParamsLoss } from "./hessian-vector-product.js";
export { sharpnessProbe, randomUnit, type SharpnessOptions } from "./power-iteration.js";
export { adamPreconditioner, inverseSqrtPreconditioner, preconditionedTypes, preconditioningOf, type Preconditioning } from "./preconditioner.js";
export { stabilityThreshold, type SharpnessRule } from "./threshold.js";
