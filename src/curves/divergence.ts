/**
 * When a loss curve has diverged: one rule for the trainer's guard, the LR range test's stop and
 * the diagnosis of a finished run, so a run the guard stops is a run the diagnosis calls diverged.
 *
 *     ŝ_t = debiased EMA of the loss with factor β (`debiasedEma`, the step of `smoothEma`)
 *     b_t = min_{u < t} ŝ_u                      the best smoothed loss before step t
 *     diverged at t  ⇔  ℓ_t is not finite, or
 *                       t ≥ warmup  ∧  ŝ_t > factor · b_t  ∧  ŝ_t − b_t ≥ minRise · (ℓ_0 − b_t)
 *
 * The factor rule is fastai's `stop_div` (smoothed loss above 4× its best, as Smith's range test
 * stops); the rise condition keeps noise around a loss that has already fallen close to zero (where
 * 4× its best is still tiny next to where it started) from counting as a blow-up.
 */
import { debiasedEma } from "./smooth-ema.js";

export interface DivergenceRule {
  /** ŝ_t must pass this multiple of its best. Default 4. */
  factor: number;
  /** … rising by at least this fraction of the drop from the first loss to that best. Default 0.25. */
  minRise: number;
  /** EMA factor of the smoothed loss. Default 0.98. */
  beta: number;
  /** Steps before the factor rule applies (a non-finite loss counts at once). Default 0. */
  warmupSteps: number;
}

export const defaultDivergenceRule: DivergenceRule = { factor: 4, minRise: 0.25, beta: 0.98, warmupSteps: 0 };

export type Divergence =
  | { kind: "non_finite"; step: number; loss: number }
  | { kind: "diverged"; step: number; smoothed: number; best: number; bestStep: number };

export interface DivergenceMonitor {
  /** The smoothed loss after the last finite loss recorded (NaN before one). */
  readonly smoothed: number;
  /** Records the next loss; returns the divergence it shows, if any. */
  record(loss: number): Divergence | undefined;
}

export function divergenceMonitor(rule: Partial<DivergenceRule> = {}): DivergenceMonitor {
  const { factor, minRise, beta, warmupSteps } = { ...defaultDivergenceRule, ...rule };
  let step = 0;
  const smooth = debiasedEma(beta);
  let first = NaN;
  let best = Infinity;
  let bestStep = -1;
  let smoothed = NaN;
  return {
    get smoothed() {
      return smoothed;
    },
    record(loss) {
      const t = step++;
      if (!Number.isFinite(loss)) return { kind: "non_finite", step: t, loss };
      if (Number.isNaN(first)) first = loss;
      smoothed = smooth(loss);
      if (t >= warmupSteps && smoothed > factor * best && smoothed - best >= minRise * (first - best)) {
        return { kind: "diverged", step: t, smoothed, best, bestStep };
      }
      if (smoothed < best) {
        best = smoothed;
        bestStep = t;
      }
      return undefined;
    },
  };
}

/** The first divergence in a whole curve under `rule` (see `divergenceMonitor`). */
export function findDivergence(losses: readonly number[], rule: Partial<DivergenceRule> = {}): Divergence | undefined {
  const monitor = divergenceMonitor(rule);
  for (const loss of losses) {
    const found = monitor.record(loss);
    if (found) return found;
  }
  return undefined;
}
