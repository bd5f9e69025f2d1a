/**
 * What a loss curve says, as plain functions of its numbers: the debiased EMA that smooths it, and
 * the one rule for when it has diverged.
 */
export { smoothEma } from "./smooth-ema.js";
export { defaultDivergenceRule, divergenceMonitor, findDivergence, type Divergence, type DivergenceMonitor, type DivergenceRule } from "./divergence.js";
