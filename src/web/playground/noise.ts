/**
 * Seeded N(0, 1) samples for the noisy surfaces, so a replay draws the same noise: mulberry32 (a
 * 32-bit generator by Tommy Ettinger, period 2³²) fed to the Box–Muller transform,
 * z = √(−2 ln u₁) · cos(2π u₂) with u₁ ∈ (0, 1].
 */
export function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
