/**
 * The best value of each validation metric over a run's epochs.
 *
 * Direction comes from the metric's name: accuracy-like scores (names ending in `acc`, `accuracy`,
 * `auc`, `f1`, `precision`, `recall`, `r2`, or `top1`, `top5`, …) are maximised; everything else
 * (loss, mse, mae, perplexity, error rates) is minimised. NaN values never count as best; a metric
 * that was NaN in every epoch is left out.
 */
import type { EpochRow } from "../log/index.js";

export function higherIsBetter(metric: string): boolean {
  return /(acc|accuracy|auc|f1|precision|recall|r2|top\d+)$/i.test(metric);
}

export function bestValues(epochs: readonly EpochRow[]): Record<string, number> {
  const best: Record<string, number> = {};
  for (const { val } of epochs) {
    for (const [name, value] of Object.entries(val)) {
      if (Number.isNaN(value)) continue;
      const current = best[name];
      const better = current === undefined || (higherIsBetter(name) ? value > current : value < current);
      if (better) best[name] = value;
    }
  }
  return best;
}
