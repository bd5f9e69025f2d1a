/**
 * How a sweep's trials rank, one rule for the `lrkit sweep` table, its `--json` and the HTML
 * report: trials that ran their epochs to the end with a finite final value, best first in the
 * metric's direction; then trials that ASHA stopped early, most epochs first and by value within
 * the same epoch count (a value from fewer epochs is not comparable with a finished trial's, so a
 * stopped trial never ranks above a finished one); then trials without a finite value (a diverged
 * loss, a missing metric); failed trials last. Ties keep the order given (the search's).
 */
export interface RankedView {
  failed: boolean;
  /** The final validation value of the sweep's metric (NaN or undefined when there is none). */
  value: number | undefined;
  stoppedEarly: boolean;
  /** Epochs the trial ran. */
  epochs: number;
}

export function rankTrials<T>(trials: readonly T[], view: (trial: T) => RankedView, mode: "min" | "max"): T[] {
  const sign = mode === "min" ? 1 : -1;
  const views = trials.map(view);
  const tier = (v: RankedView) => (v.failed ? 3 : v.value === undefined || !Number.isFinite(v.value) ? 2 : v.stoppedEarly ? 1 : 0);
  const order = trials.map((_, i) => i);
  order.sort((i, j) => {
    const a = views[i]!;
    const b = views[j]!;
    const byTier = tier(a) - tier(b);
    if (byTier !== 0 || tier(a) >= 2) return byTier;
    if (tier(a) === 1 && a.epochs !== b.epochs) return b.epochs - a.epochs;
    return sign * (a.value! - b.value!);
  });
  return order.map((i) => trials[i]!);
}
