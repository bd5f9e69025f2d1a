/**
 * How far fine-tuning moved the weights, per layer, on host copies in float64:
 *
 *   change(layer) = ‖W_after − W_before‖ / ‖W_before‖
 *
 * with W the layer's weight and bias taken together as one vector (a layer is the prefix of its
 * parameters' names, "0" for "0.weight" and "0.bias") and ‖·‖ the Euclidean norm. `identical`
 * compares parameters bit for bit (so +0 and −0 differ, and a NaN is only equal to the same NaN).
 */
import type { Params } from "../../engine/index.js";

export type HostParams = Record<string, Float32Array>;

/** Copies every parameter to the host; borrows `params`. */
export async function toHost(params: Params): Promise<HostParams> {
  const out: HostParams = {};
  for (const [name, p] of Object.entries(params)) out[name] = Float32Array.from((await p.ref.data()) as Float32Array);
  return out;
}

/** The layer a parameter belongs to: its name up to the last ".". */
export function layerOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? name : name.slice(0, dot);
}

/** change(layer) for every layer of `before`, in the order the layers first appear. */
export function relativeChange(before: HostParams, after: HostParams): Record<string, number> {
  const sums = new Map<string, { diff: number; norm: number }>();
  for (const [name, b] of Object.entries(before)) {
    const a = after[name];
    if (!a || a.length !== b.length) throw new Error(`relativeChange: parameter "${name}" is missing or has another size after`);
    const layer = layerOf(name);
    const sum = sums.get(layer) ?? { diff: 0, norm: 0 };
    for (let i = 0; i < b.length; i++) {
      sum.diff += (a[i]! - b[i]!) ** 2;
      sum.norm += b[i]! ** 2;
    }
    sums.set(layer, sum);
  }
  return Object.fromEntries([...sums].map(([layer, { diff, norm }]) => [layer, Math.sqrt(diff) / Math.sqrt(norm)]));
}

/** Whether the named parameters hold the same bits before and after. */
export function identical(before: HostParams, after: HostParams, names: readonly string[]): boolean {
  return names.every((name) => {
    const b = before[name];
    const a = after[name];
    if (!a || !b || a.length !== b.length) return false;
    const bb = new Uint32Array(b.buffer, b.byteOffset, b.length);
    const ab = new Uint32Array(a.buffer, a.byteOffset, a.length);
    return bb.every((bits, i) => bits === ab[i]);
  });
}
