/** The trees of arrays that models, optimizers and checkpoints pass around. */
import type { jax, JaxArray } from "./jax.js";

/** Parameters, gradients and updates: a flat record from a parameter's name ("conv1.weight") to its array. */
export type Params = Record<string, JaxArray>;

/** Nested records and lists of arrays: a jax-js pytree, so a state can pass through \`jit\`. */
export type ArrayTree = jax.JsTree<JaxArray>;
