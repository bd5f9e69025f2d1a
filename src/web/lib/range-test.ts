/**
 * Reading an LR range test's result from a run of kind "find" (as `lrkit find` stores it):
 * `summary.lrs`, `summary.losses` (smoothed), optionally `summary.raw_losses`, and
 * `summary.suggestions`, either `{ name: lr | null }` (null: the rule found none), `{ name: { lr } }`,
 * or a list of `{ name | method, lr }`.
 */
import { num } from "./api.js";

export interface RangeTest {
  lrs: number[];
  losses: number[];
  /** The unsmoothed losses, when stored. */
  rawLosses?: number[];
  suggestions: { name: string; lr: number }[];
}

function numbers(value: unknown): number[] | undefined {
  return Array.isArray(value) ? value.map((v) => num(v as number | string)) : undefined;
}

function suggestionList(value: unknown): { name: string; lr: number }[] {
  if (Array.isArray(value)) {
    return value.flatMap((s: Record<string, unknown>, i) => {
      const lr = num(s?.lr as number);
      return Number.isFinite(lr) ? [{ name: String(s.name ?? s.method ?? `suggestion ${i + 1}`), lr }] : [];
    });
  }
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([name, v]) => {
    const lr = num((typeof v === "object" && v !== null ? (v as { lr?: number }).lr : v) as number);
    return Number.isFinite(lr) ? [{ name, lr }] : [];
  });
}

export function rangeTestOf(summary: unknown): RangeTest | undefined {
  if (summary === null || typeof summary !== "object") return undefined;
  const s = summary as Record<string, unknown>;
  const lrs = numbers(s.lrs);
  const losses = numbers(s.losses);
  if (!lrs || !losses || lrs.length !== losses.length || lrs.length === 0) return undefined;
  const raw = numbers(s.raw_losses);
  const order = lrs.map((_, i) => i).sort((a, b) => lrs[a]! - lrs[b]!);
  return {
    lrs: order.map((i) => lrs[i]!),
    losses: order.map((i) => losses[i]!),
    ...(raw?.length === lrs.length ? { rawLosses: order.map((i) => raw[i]!) } : {}),
    suggestions: suggestionList(s.suggestions),
  };
}
