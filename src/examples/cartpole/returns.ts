/**
 * Returns for policy gradients (Sutton & Barto, "Reinforcement Learning", 2nd ed., §13.3–13.4).
 */

/**
 * The discounted return from every step of one episode:
 *
 *   G_t = r_t + γ·r_{t+1} + γ²·r_{t+2} + … = r_t + γ·G_{t+1},   G_T = r_T at the last step T,
 *
 * computed backwards. The return after the last step is 0 whether the episode terminated or was
 * truncated (REINFORCE does not bootstrap).
 */
export function discountedReturns(rewards: ArrayLike<number>, gamma: number): Float64Array {
  const returns = new Float64Array(rewards.length);
  let next = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    next = rewards[t]! + gamma * next;
    returns[t] = next;
  }
  return returns;
}

/**
 * (G − mean G) / (std G + ε) over the batch, with the population standard deviation and
 * ε = 1e-8: the per-batch normalisation of PyTorch's REINFORCE example (which divides by the
 * sample standard deviation plus float32's machine epsilon instead). A batch of equal values
 * gives zeros.
 */
export function normalize(values: ArrayLike<number>, epsilon = 1e-8): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i]! - mean) ** 2;
  const std = Math.sqrt(variance / n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (values[i]! - mean) / (std + epsilon);
  return out;
}
