/**
 * One episode of CartPole played by a stochastic policy on the host: reset from `rng`, then at
 * every step draw u ~ U[0, 1) from the same generator and push right (action 1) when u < p(1 | s).
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { observe, resetCartPole, stepCartPole, type CartPoleAction } from "./environment.js";
import type { HostPolicy } from "./policy.js";

export interface Episode {
  /** The observation before each step, row-major [length, 4]. */
  observations: Float64Array;
  actions: Int32Array;
  rewards: Float64Array;
  length: number;
  /** The sum of the rewards: the number of steps, at most maxSteps. */
  totalReward: number;
}

export function playEpisode(policy: HostPolicy, rng: RandomGenerator, maxSteps: number): Episode {
  const observations: number[] = [];
  const actions: CartPoleAction[] = [];
  const rewards: number[] = [];
  let state = resetCartPole(rng);
  for (;;) {
    const observation = observe(state);
    const action: CartPoleAction = uniformFloat64(rng) < policy(observation) ? 1 : 0;
    const step = stepCartPole(state, action, maxSteps);
    observations.push(...observation);
    actions.push(action);
    rewards.push(step.reward);
    state = step.state;
    if (step.terminated || step.truncated) break;
  }
  return {
    observations: Float64Array.from(observations),
    actions: Int32Array.from(actions),
    rewards: Float64Array.from(rewards),
    length: actions.length,
    totalReward: rewards.reduce((a, b) => a + b, 0),
  };
}
