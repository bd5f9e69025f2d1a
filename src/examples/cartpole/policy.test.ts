import { describe, expect, it } from "vitest";
import { jax } from "../../engine/index.js";
import { actorCritic, hostPolicy, type Activation } from "./policy.js";

const np = jax.numpy;

describe("actor-critic networks", () => {
  it("names both networks' parameters like PyTorch's Sequential, under policy. and value.", () => {
    const params = actorCritic(8).init(0);
    expect(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.shape]))).toEqual({
      "policy.0.weight": [8, 4],
      "policy.0.bias": [8],
      "policy.2.weight": [2, 8],
      "policy.2.bias": [2],
      "value.0.weight": [8, 4],
      "value.0.bias": [8],
      "value.2.weight": [1, 8],
      "value.2.bias": [1],
    });
    jax.tree.dispose(params);
  });

  it.each(["tanh", "relu"] as Activation[])("computes on the host the probabilities the jax forward pass gives (%s)", async (activation) => {
    const net = actorCritic(16, activation);
    const params = net.init(3);
    const observations = [
      [0.01, -0.02, 0.03, 0.04],
      [1.5, -2, 0.2, 3],
      [-2.3, 0.7, -0.19, -1.2],
    ];
    const probabilities = await jax.nn.softmax(net.logits(params, np.array(observations, { dtype: np.float32 })), -1).js();
    const policy = await hostPolicy(params, activation);
    observations.forEach((s, i) => expect(policy(s)).toBeCloseTo((probabilities as number[][])[i]![1]!, 6));
    const values = net.values(params, np.array(observations, { dtype: np.float32 }));
    expect(values.shape).toEqual([3]);
    values.dispose();
    jax.tree.dispose(params);
  });
});
