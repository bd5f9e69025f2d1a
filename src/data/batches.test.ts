import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { batchCount, batches } from "./batches.js";
import type { ClassificationDataset, RegressionDataset } from "./types.js";

/** Sample i has features [i, -i] and label i mod 3. */
function indexed(n: number): ClassificationDataset {
  return {
    name: "toy",
    task: "classification",
    n,
    x: Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : -(k - 1) / 2)),
    y: Int32Array.from({ length: n }, (_, i) => i % 3),
    sampleShape: [2],
    classes: ["a", "b", "c"],
  };
}

const order = (data: ClassificationDataset, options: Parameters<typeof batches>[1]) => [...batches(data, options)].flatMap((b) => [...b.x].filter((_, k) => k % 2 === 0));

describe("batches", () => {
  it("cuts an unshuffled epoch in order, the last batch partial, as views of the data", () => {
    const data = indexed(10);
    const all = [...batches(data, { batchSize: 4 })];
    expect(all.map((b) => b.size)).toEqual([4, 4, 2]);
    expect(Array.from(all[2]!.x)).toEqual([8, -8, 9, -9]);
    expect(Array.from(all[2]!.y)).toEqual([2, 0]);
    expect(all[0]!.x.buffer).toBe(data.x.buffer);
  });

  it("drops the partial batch on request", () => {
    expect([...batches(indexed(10), { batchSize: 4, dropLast: true })].map((b) => b.size)).toEqual([4, 4]);
    expect(batchCount(10, { batchSize: 4 })).toBe(3);
    expect(batchCount(10, { batchSize: 4, dropLast: true })).toBe(2);
  });

  it("visits every sample exactly once per shuffled epoch, keeping features and labels together", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 16 }), fc.integer(), fc.nat(100), (n, batchSize, seed, epoch) => {
        const data = indexed(n);
        const seen: number[] = [];
        for (const b of batches(data, { batchSize, shuffle: true, seed, epoch })) {
          expect(b.x.length).toBe(2 * b.size);
          for (let k = 0; k < b.size; k++) {
            const i = b.x[2 * k]!;
            expect(b.x[2 * k + 1]).toBe(-i);
            expect(b.y[k]).toBe(i % 3);
            seen.push(i);
          }
        }
        expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  it("is deterministic for (seed, epoch) and changes with either", () => {
    const data = indexed(64);
    const base = order(data, { batchSize: 8, shuffle: true, seed: 7, epoch: 2 });
    expect(order(data, { batchSize: 8, shuffle: true, seed: 7, epoch: 2 })).toEqual(base);
    expect(order(data, { batchSize: 8, shuffle: true, seed: 7, epoch: 3 })).not.toEqual(base);
    expect(order(data, { batchSize: 8, shuffle: true, seed: 8, epoch: 2 })).not.toEqual(base);
    expect(order(data, { batchSize: 16, shuffle: true, seed: 7, epoch: 2 })).toEqual(base);
  });

  it("gives shuffled batches their own arrays, safe to keep", () => {
    const all = [...batches(indexed(8), { batchSize: 4, shuffle: true })];
    expect(all[0]!.x.buffer).not.toBe(all[1]!.x.buffer);
  });

  it("keeps regression targets as floats", () => {
    const r: RegressionDataset = { name: "r", task: "regression", n: 3, x: Float32Array.from([0, 1, 2]), y: Float32Array.from([0.5, 1.5, 2.5]), sampleShape: [1] };
    for (const b of batches(r, { batchSize: 2, shuffle: true, seed: 1 })) {
      expect(b.y).toBeInstanceOf(Float32Array);
      for (let k = 0; k < b.size; k++) expect(b.y[k]).toBe(b.x[k]! + 0.5);
    }
  });

  it("rejects a batch size that is not a positive integer when called, before iterating", () => {
    for (const batchSize of [0, -1, 1.5, NaN]) {
      expect(() => batches(indexed(4), { batchSize })).toThrow(ConfigError);
    }
    expect(() => batches(indexed(4), { batchSize: 0 })).toThrow("batchSize: must be a positive integer; got 0");
    expect(() => batches(indexed(4), { batchSize: 2, shuffle: true, epoch: -1 })).toThrow(ConfigError);
  });
});
