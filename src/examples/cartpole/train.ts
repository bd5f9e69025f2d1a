/**
 * Training the agent at one learning rate η.
 *
 * Each update plays `episodesPerUpdate` episodes with the current policy (on the host, see
 * policy.ts), computes every step's discounted return Gₜ (γ = 0.99 by default) within its episode,
 * normalises them over the whole batch, packs the steps into the fixed-size padded batch and takes
 * one jitted Adam step (update.ts). Episode e of seed s always starts from the same state and
 * draws its actions from the same uniform numbers — MT19937 seeded with (s, e), see
 * `seededGenerator` — and the networks start from the same weights for every η, so runs at
 * different η differ only by η, and a run is reproducible.
 *
 * Progress is the return of each episode (its length) and its trailing average over the last
 * `window` = 100 episodes (fewer at the start). The run counts as solved at the first episode whose
 * full 100-episode average reaches `threshold` (CartPole-v0's 195), and stops there when
 * `stopWhenSolved`. It also stops when the loss overflows to NaN or ±∞ (float32: η ≈ 1e30 does
 * it; Adam bounds each step by ≈ η, so η up to 1e6 only saturates the policy).
 */
import { jax } from "../../engine/index.js";
import { seededGenerator } from "../../data/index.js";
import { createOptimizer, type Optimizer } from "../../optim/index.js";
import { discountedReturns, normalize } from "./returns.js";
import { actorCritic, hostPolicy, observationSize, type ActorCritic, type Activation } from "./policy.js";
import { playEpisode, type Episode } from "./rollout.js";
import { createUpdate, type Batch } from "./update.js";

const np = jax.numpy;

/** The seed's use for episode generators (distinct from data/random.ts's shuffle = 1, split = 2). */
const episodePurpose = 0xca27;

export interface AgentOptions {
  seed: number;
  maxSteps: number;
  gamma: number;
  hidden: number;
  activation: Activation;
  episodesPerUpdate: number;
}

export interface TrainOptions {
  episodes: number;
  threshold: number;
  window: number;
  stopWhenSolved: boolean;
  onEpisode?: (episode: number, episodeReturn: number, average: number) => void;
}

/** What one η did. */
export interface LrRun {
  lr: number;
  /** The return (length) of every episode played. */
  returns: number[];
  /** After each episode, the average return over the last `window` episodes (all of them while fewer). */
  averages: number[];
  /** The 1-based episode at which the `window`-episode average first reached the threshold, or null. */
  solvedAt: number | null;
  /** The best trailing average once `window` episodes are played (the final one when fewer were). */
  best: number;
  /** The trailing average after the last episode. */
  final: number;
  /** The 1-based episode whose update produced a non-finite loss, or null. */
  divergedAt: number | null;
  /** The loss of every update (before its step). */
  losses: number[];
  seconds: number;
}

/** The networks, the optimizer and the compiled update, shared by runs at every η. */
export interface Agent {
  readonly options: AgentOptions;
  readonly net: ActorCritic;
  readonly optimizer: Optimizer;
  readonly update: ReturnType<typeof createUpdate>;
  dispose(): void;
}

export function createAgent(options: AgentOptions): Agent {
  const net = actorCritic(options.hidden, options.activation);
  // PyTorch's Adam defaults; the spec's lr is a placeholder, each step gets η as hyper.lr.
  const optimizer = createOptimizer({ type: "Adam", lr: 1e-3 }, "cartpole.optimizer");
  const update = createUpdate(net, optimizer);
  return { options, net, optimizer, update, dispose: () => update.dispose() };
}

export async function trainAgent(agent: Agent, lr: number, train: TrainOptions): Promise<LrRun> {
  const started = performance.now();
  const { seed, maxSteps, gamma, episodesPerUpdate } = agent.options;
  const capacity = episodesPerUpdate * maxSteps;
  let params = agent.net.init(seed);
  let state = agent.optimizer.init(params);
  let policy = await hostPolicy(params, agent.net.activation);
  const returns: number[] = [];
  const averages: number[] = [];
  const losses: number[] = [];
  let solvedAt: number | null = null;
  let divergedAt: number | null = null;
  let pending: Episode[] = [];
  let windowSum = 0;

  try {
    for (let e = 0; e < train.episodes; e++) {
      const episode = playEpisode(policy, seededGenerator(seed, episodePurpose, e), maxSteps);
      returns.push(episode.totalReward);
      windowSum += episode.totalReward - (e >= train.window ? returns[e - train.window]! : 0);
      const average = windowSum / Math.min(e + 1, train.window);
      averages.push(average);
      train.onEpisode?.(e + 1, episode.totalReward, average);
      if (solvedAt === null && e + 1 >= train.window && average >= train.threshold) {
        solvedAt = e + 1;
        if (train.stopWhenSolved) break;
      }

      if (e + 1 === train.episodes) break;
      pending.push(episode);
      if (pending.length < episodesPerUpdate) continue;
      const batch = packBatch(pending, gamma, capacity);
      pending = [];
      const out = agent.update(params, state, batch, np.array(lr, { dtype: np.float32 }));
      params = out.params;
      state = out.state;
      const loss = (await out.loss.data())[0]!;
      losses.push(loss);
      if (!Number.isFinite(loss)) {
        divergedAt = e + 1;
        break;
      }
      policy = await hostPolicy(params, agent.net.activation);
    }
  } finally {
    jax.tree.dispose(params);
    jax.tree.dispose(state);
  }

  const fullFrom = Math.min(train.window, averages.length) - 1;
  return {
    lr,
    returns,
    averages,
    solvedAt,
    best: averages.length === 0 ? NaN : Math.max(...averages.slice(fullFrom)),
    final: averages.at(-1) ?? NaN,
    divergedAt,
    losses,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The steps of `episodes` as a padded batch of `capacity` rows: discounted returns per episode,
 * normalised over all the batch's steps; rows past the last step are zeros with mask 0.
 */
export function packBatch(episodes: readonly Episode[], gamma: number, capacity: number): Batch {
  const observations = new Float32Array(capacity * observationSize);
  const actions = new Int32Array(capacity);
  const mask = new Float32Array(capacity);
  const allReturns: number[] = [];
  let row = 0;
  for (const episode of episodes) {
    observations.set(episode.observations, row * observationSize);
    actions.set(episode.actions, row);
    mask.fill(1, row, row + episode.length);
    allReturns.push(...discountedReturns(episode.rewards, gamma));
    row += episode.length;
  }
  const returns = new Float32Array(capacity);
  returns.set(normalize(allReturns));
  return {
    observations: np.array(observations, { shape: [capacity, observationSize], dtype: np.float32 }),
    actions: np.array(actions, { dtype: np.int32 }),
    returns: np.array(returns, { dtype: np.float32 }),
    mask: np.array(mask, { dtype: np.float32 }),
  };
}
