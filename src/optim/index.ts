/**
 * Optimizers with PyTorch's exact update rules (torch.optim 1.13, plus Lion, LAMB, Schedule-Free
 * AdamW, Muon and the parameter-free Prodigy, D-Adaptation Adam and DoG), built optax-style as
 * chains of small gradient transformations.
 *
 *     const optimizer = createOptimizer({ type: "AdamW", lr: 1e-3, weight_decay: 0.01,
 *       param_groups: [{ params: ["*.bias", "*norm*"], weight_decay: 0 }] });
 *     let state = optimizer.init(params);
 *     const step = jax.jit(optimizer.step);            // lr as a 0-d array: no recompiles
 *     [params, state] = step(params, grads, state, { lr: np.array(lrNow, { dtype: "float64" }) });
 *     const evalAt = optimizer.evalParams(params, state); // Schedule-Free's x; params elsewhere
 *     const saved = await optimizer.saveState(state);     // JSON-safe, bit-exact
 *     state = optimizer.loadState(saved, params);
 *
 * `step` consumes params, grads and state and borrows `hyper` (a jitted step consumes all its
 * arguments, so pass `jax.tree.ref(hyper)` to keep using it). Parameters are flat records keyed
 * by name; groups select them with glob patterns, the first matching group wins.
 */
export { createOptimizer, buildOptimizer } from "./create-optimizer.js";
export { withClipping } from "./with-clipping.js";
export { parseOptimizerSpec, type OptimizerSpec, type ResolvedOptimizerSpec, type ResolvedGroup } from "./spec.js";
export { optimizers, type OptimizerType, type OptimizerDefinition } from "./optimizers/index.js";
export type {
  SgdOptions,
  AdamOptions,
  RmspropOptions,
  AdagradOptions,
  AdadeltaOptions,
  AdamaxOptions,
  NadamOptions,
  RadamOptions,
  RpropOptions,
  LionOptions,
  LambOptions,
  AdamWScheduleFreeOptions,
  ProdigyOptions,
  DAdaptAdamOptions,
  DogOptions,
  MuonOptions,
} from "./optimizers/index.js";
export * from "./transforms/index.js";
export type {
  Hyper,
  GradientTransformation,
  Optimizer,
  OptimizerState,
  OptimizerStateData,
  ArrayData,
  StateTreeData,
} from "./types.js";
export * from "./clip/index.js";
