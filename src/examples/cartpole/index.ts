/**
 * The cartpole example: η in reinforcement learning. A REINFORCE agent with a learned value
 * baseline learns CartPole at a too-low, a good and a too-high learning rate (`runCartpole`),
 * printed as a table with sparklines (`formatCartpole`). The environment is usable on its own.
 */
export { runCartpole, defaultLrs, type CartpoleOptions, type CartpoleProgress, type CartpoleResult } from "./run.js";
export { formatCartpole } from "./format.js";
export type { LrRun } from "./train.js";
export {
  cartPole,
  defaultMaxSteps,
  resetCartPole,
  stepCartPole,
  observe,
  type CartPoleState,
  type CartPoleAction,
  type CartPoleStep,
} from "./environment.js";
export { discountedReturns, normalize } from "./returns.js";
