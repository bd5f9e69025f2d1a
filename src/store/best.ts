/**
 * The best value of each validation metric over a run's epochs, in the direction its name gives
 * (`higherIsBetter`). NaN values never count as best; a metric that was NaN in every epoch is left
 * out.
 */
import { higherIsBetter, type EpochRow } from "../log/index.js";

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
