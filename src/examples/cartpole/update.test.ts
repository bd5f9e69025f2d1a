import { describe, expect, it } from "vitest";
import { seededGenerator } from "../../data/index.js";
import { jax } from "../../engine/index.js";
import { createOptimizer } from "../../optim/index.js";
import { actorCritic, hostPolicy, type ActorCritic } from "./policy.js";
import { playEpisode, type Episode } from "./rollout.js";
import { packBatch } from "./train.js";
import { actorCriticLoss, createUpdate, type Batch } from "./update.js";

const np = jax.numpy;
const lrArray = (lr: number) => np.array(lr, { dtype: np.float32 });

async function episodes(net: ActorCritic, count: number, maxSteps: number): Promise<Episode[]> {
  const params = net.init(0);
  const policy = await hostPolicy(params, net.activation);
  jax.tree.dispose(params);
  return Array.from({ length: count }, (_, i) => playEpisode(policy, seededGenerator(1, 99, i), maxSteps));
}

describe("the jitted actor-critic update", () => {
  it("decreases the loss on a fixed batch", async () => {
    const net = actorCritic(16);
    const optimizer = createOptimizer({ type: "Adam", lr: 1e-2 });
    const update = createUpdate(net, optimizer);
    const batch = packBatch(await episodes(net, 2, 60), 0.99, 120);
    let params = net.init(0);
    let state = optimizer.init(params);
    const losses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const out = update(params, state, jax.tree.ref(batch), lrArray(1e-2));
      params = out.params;
      state = out.state;
      losses.push((await out.loss.data())[0]!);
    }
    update.dispose();
    jax.tree.dispose([params, state, batch]);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! - 0.1);
  });

  it("ignores the padding rows (mask 0)", async () => {
    const net = actorCritic(16);
    const params = net.init(0);
    const padded = packBatch(await episodes(net, 1, 40), 0.99, 80);
    const length = (await padded.mask.ref.sum().data())[0]!;
    const observations = await padded.observations.ref.js() as number[][];
    for (let row = length; row < 80; row++) observations[row] = [9, -9, 9, -9];
    const garbage: Batch = { ...jax.tree.ref(padded), observations: np.array(observations, { dtype: np.float32 }) };
    padded.observations.dispose();
    const clean = (await actorCriticLoss(net, params, padded).data())[0]!;
    const noisy = (await actorCriticLoss(net, params, garbage).data())[0]!;
    jax.tree.dispose(params);
    expect(length).toBeLessThan(80);
    expect(noisy).toBeCloseTo(clean, 6);
  });

  it("compiles once for batches of any episode lengths and any η", async () => {
    const net = actorCritic(8);
    let traces = 0;
    const counting: ActorCritic = { ...net, logits: (p, obs) => (traces++, net.logits(p, obs)) };
    const optimizer = createOptimizer({ type: "Adam", lr: 1e-3 });
    const update = createUpdate(counting, optimizer);
    const played = await episodes(net, 3, 50);
    expect(new Set(played.map((e) => e.length)).size).toBeGreaterThan(1);
    let params = net.init(0);
    let state = optimizer.init(params);
    for (const [i, episode] of played.entries()) {
      const out = update(params, state, packBatch([episode], 0.99, 50), lrArray(10 ** -(i + 2)));
      params = out.params;
      state = out.state;
      out.loss.dispose();
    }
    update.dispose();
    jax.tree.dispose([params, state]);
    expect(traces).toBe(1);
  });
});
