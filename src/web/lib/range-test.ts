/**
 * An LR range test's result from a run of kind "find", read with the run log's
 * `RangeTestSummary` schema (`log/`): `lrs`, the smoothed `losses`, `raw_losses` and
 * `suggestions` as `{ rule: lr | null }` (null: the rule found none), sorted by η for the chart.
 */
import { readSummary, rangeTestSummarySchema } from "../../log/index.js";

export interface RangeTest {
  lrs: number[];
  losses: number[];
  /** The unsmoothed losses, when stored. */
  rawLosses?: number[];
  suggestions: { name: string; lr: number }[];
}

export function rangeTestOf(summary: unknown): RangeTest | undefined {
  const { lrs, losses, raw_losses: raw, suggestions = {} } = readSummary(rangeTestSummarySchema, summary);
  if (!lrs || !losses || lrs.length !== losses.length || lrs.length === 0) return undefined;
  const order = lrs.map((_, i) => i).sort((a, b) => lrs[a]! - lrs[b]!);
  return {
    lrs: order.map((i) => lrs[i]!),
    losses: order.map((i) => losses[i]!),
    ...(raw?.length === lrs.length ? { rawLosses: order.map((i) => raw[i]!) } : {}),
    suggestions: Object.entries(suggestions).flatMap(([name, lr]) => (lr !== null && Number.isFinite(lr) ? [{ name, lr }] : [])),
  };
}
