/**
 * PyTorch Lightning's `_LRFinder.suggestion(skip_begin=10, skip_end=1)`: the steepest fall of the
 * loss against the point index.
 *
 * 1. Keep points skipBegin … n − skipEnd − 1 whose loss is finite (remembering their indices).
 * 2. g = np.gradient of those losses with unit spacing (see gradient.ts).
 * 3. Suggest η at the kept point with the most negative g.
 *
 * On an exponential sweep the index is proportional to log η, so this is `steep` with central
 * differences and Lightning's skips; on a linear sweep it is the slope against η itself. (Lightning
 * 1.x used unit spacing; 2.x passes the η values as spacing.) Needs 2 kept points, as Lightning;
 * a curve whose kept part never falls gives no suggestion.
 */
import { argmin, gradient } from "./gradient.js";
import { noSuggestion, type Curve, type Suggestion } from "./types.js";

export function steepestRaw({ lrs, losses }: Curve, skipBegin = 10, skipEnd = 1): Suggestion {
  const kept: number[] = [];
  for (let i = skipBegin; i < losses.length - skipEnd; i++) if (Number.isFinite(losses[i])) kept.push(i);
  if (kept.length < 2) {
    return noSuggestion(`needs at least 2 finite points after skipping the first ${skipBegin} and the last ${skipEnd}; got ${kept.length} of ${losses.length}`);
  }
  const g = gradient(kept.map((i) => losses[i]!));
  const best = argmin(g);
  if (!(g[best]! < 0)) return noSuggestion("the loss never falls");
  const index = kept[best]!;
  return { lr: lrs[index]!, index };
}
