/**
 * `runCartpole`: what the learning rate does to a policy-gradient agent on CartPole.
 *
 * The same agent — REINFORCE with a learned value baseline (update.ts), policy and value MLPs
 * 4 → 32 → 2 and 4 → 32 → 1 with tanh, Adam, γ = 0.99, one update per episode by default — is
 * trained from the same initial weights and the same episode seeds at each η, for at most
 * `episodes` episodes, stopping once solved: an average return ≥ `threshold` over 100
 * consecutive episodes. The defaults are CartPole-v0's task (episodes truncated at 200 steps,
 * threshold 195); `maxSteps: 500` gives CartPole-v1's episodes (whose own threshold is 475).
 *
 * Default η: 1e-5 (too low: the average stays near a random policy's ≈ 20), 1e-2 (solves in a
 * few hundred episodes) and 0.5 (too high: the first Adam steps saturate the policy, which then
 * pushes the same way every step and fails after ≈ 9 steps, with a zero gradient to recover by).
 * With seed 0 the good η solves at episode 325 (seeds 1–4: 245, 450, 461, 427), and the three
 * runs take 2–4 s together on this project's 2-core machine (the failing ones play all 1000
 * episodes).
 */
import { z } from "zod";
import { parseSpec } from "../../spec/index.js";
import { createAgent, trainAgent, type LrRun } from "./train.js";

export interface CartpoleProgress {
  lr: number;
  /** 1-based episode within this η's run. */
  episode: number;
  episodeReturn: number;
  /** The trailing 100-episode average after this episode. */
  average: number;
}

export interface CartpoleOptions {
  /** Learning rates to compare, each a run from the same start. Default [1e-5, 1e-2, 0.5]. */
  lrs?: number[];
  /** Most episodes per η. Default 1000. */
  episodes?: number;
  /** Seeds the initial weights and every episode's start and action draws. Default 0. */
  seed?: number;
  /** Episode time limit: 200 for CartPole-v0 (the default), 500 for v1. */
  maxSteps?: number;
  /** Episodes played per update (their steps form one batch). Default 1. */
  episodesPerUpdate?: number;
  /** The 100-episode average that counts as solved. Default 195 (CartPole-v0). */
  threshold?: number;
  onProgress?: (progress: CartpoleProgress) => void;
}

export interface CartpoleResult {
  seed: number;
  episodes: number;
  maxSteps: number;
  episodesPerUpdate: number;
  threshold: number;
  window: number;
  gamma: number;
  runs: LrRun[];
  seconds: number;
}

export const defaultLrs = [1e-5, 1e-2, 0.5];

const window = 100;
const gamma = 0.99;
const hidden = 32;

const optionsSchema = z.strictObject({
  lrs: z.array(z.number().positive().finite()).min(1).optional(),
  episodes: z.int().positive().optional(),
  seed: z.int().optional(),
  maxSteps: z.int().positive().optional(),
  episodesPerUpdate: z.int().positive().optional(),
  threshold: z.number().finite().optional(),
  onProgress: z.custom<CartpoleOptions["onProgress"]>((v) => typeof v === "function", "a function").optional(),
});

/** Trains the agent at every η in turn; throws a ConfigError naming the option for a bad one. */
export async function runCartpole(options: CartpoleOptions = {}): Promise<CartpoleResult> {
  const parsed = parseSpec(optionsSchema, options, "cartpole");
  const { lrs = defaultLrs, episodes = 1000, seed = 0, maxSteps = 200, episodesPerUpdate = 1, threshold = 195, onProgress } = parsed;
  const started = performance.now();
  const agent = createAgent({ seed, maxSteps, gamma, hidden, activation: "tanh", episodesPerUpdate });
  const runs: LrRun[] = [];
  try {
    for (const lr of lrs) {
      const onEpisode = onProgress && ((episode: number, episodeReturn: number, average: number) => onProgress({ lr, episode, episodeReturn, average }));
      runs.push(await trainAgent(agent, lr, { episodes, threshold, window, stopWhenSolved: true, onEpisode }));
    }
  } finally {
    agent.dispose();
  }
  return { seed, episodes, maxSteps, episodesPerUpdate, threshold, window, gamma, runs, seconds: (performance.now() - started) / 1000 };
}
