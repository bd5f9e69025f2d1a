/**
 * Seeded randomness for splits and shuffles, identical on every machine.
 *
 * The generator is MT19937 (pure-rand's `mersenne`: the sequence of C++'s `std::mt19937` for the
 * same 32-bit seed). Each use gets its own generator, seeded by
 * mixing the user's seed with the purpose and its index (e.g. the epoch) through MurmurHash3's
 * 32-bit finaliser, so epoch 3's order does not depend on how many numbers epoch 2 drew, and a
 * split and a shuffle with the same seed are unrelated.
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { mersenne } from "pure-rand/generator/mersenne";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { ConfigError } from "../errors.js";

/** What a generator (or a dropout key) is for; part of its seed so different uses draw unrelated sequences. */
export const purpose = { shuffle: 1, split: 2, dropout: 3 } as const;

/** A generator for (seed, purpose, index): MT19937 seeded with `mixSeed(seed, purpose, index)`. */
export function seededGenerator(seed: number, use: number, index = 0): RandomGenerator {
  return mersenne(mixSeed(seed, use, index));
}

/**
 * lrkit's one seed mixer, for generators and for the dropout key of each training step:
 * h = fmix32(fmix32(fmix32(fmix32(lo) ⊕ hi) ⊕ purpose) ⊕ index), an unsigned 32-bit word, where lo
 * and hi are the low and high 32-bit words of the seed and fmix32 is MurmurHash3's finaliser (a
 * bijection on 32-bit words). `seed` is any safe integer.
 */
export function mixSeed(seed: number, use: number, index = 0): number {
  if (!Number.isSafeInteger(seed)) throw new ConfigError(`seed: must be an integer; got ${seed}`, "data", "seed", seed);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  return fmix32(fmix32(fmix32(fmix32(lo) ^ hi) ^ use) ^ index);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A uniformly random permutation of 0 … n−1 by Fisher–Yates: for i = n−1 down to 1, swap
 * position i with position j drawn uniformly from 0 … i (pure-rand's `uniformInt`, exact
 * integer rejection sampling, so the order is the same on every machine).
 */
export function permutation(n: number, rng: RandomGenerator): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, rng);
  return order;
}

/** Fisher–Yates shuffle of `values` in place, as in `permutation`. */
export function shuffleInPlace(values: Int32Array, rng: RandomGenerator): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
