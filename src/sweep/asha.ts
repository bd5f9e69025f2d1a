/**
 * Asynchronous successive halving (ASHA; Li et al. 2018, "A System for Massively Parallel
 * Hyperparameter Tuning"), in its early-stopping form (as Ray Tune's ASHAScheduler uses it):
 * trials are not paused and promoted but stopped when they fall behind.
 *
 * Rungs sit at r_k = g·η^k epochs (k = 0, 1, …) below the maximum number of epochs R, with g the
 * grace period and η the reduction factor. When a trial finishes epoch r_k, its validation metric
 * joins the n values recorded at that rung so far (its own included), and it continues only if it
 * ranks among the best ⌈n/η⌉ of them — the top 1/η, rounded up so that the first trial to reach
 * a rung always continues. Decisions use only what is known at that moment, so a trial is never
 * held back waiting for others; as more trials arrive the bar rises towards the true top 1/η.
 * Ties count in the trial's favour (its rank is 1 + the number of strictly better values); a NaN
 * value ranks last and always stops.
 *
 * Ray Tune instead compares against the (1 − 1/η) quantile of the values recorded before the
 * trial, interpolated; the two agree on which trials are in the top 1/η once many have reported.
 */
import { ConfigError } from "../errors.js";

export type Decision = "continue" | "stop";

export interface AshaOptions {
  /** η: keep the top 1/η at each rung; default 3. */
  reductionFactor?: number;
  /** g: epochs before the first rung; default 1. */
  gracePeriod?: number;
  /** R: the trials' epochs; rungs lie below it. */
  maxEpochs: number;
  mode: "min" | "max";
}

export interface Asha {
  /** The rung epochs r_k < R, ascending. */
  readonly rungs: readonly number[];
  /**
   * Records that `trialKey` reached `epoch` (epochs completed, from 1) with `value`, and says
   * whether it goes on. Off the rungs the answer is always "continue". A trial that reports a rung
   * again (a trial re-run after an interruption) replaces its earlier value there.
   */
  report(trialKey: string, epoch: number, value: number): Decision;
}

export function createAsha(options: AshaOptions): Asha {
  const eta = options.reductionFactor ?? 3;
  const grace = options.gracePeriod ?? 1;
  if (!Number.isInteger(eta) || eta < 2) throw new ConfigError(`asha.reductionFactor: must be an integer ≥ 2; got ${eta}`, "asha", "reductionFactor", eta);
  if (!Number.isInteger(grace) || grace < 1) throw new ConfigError(`asha.gracePeriod: must be an integer ≥ 1; got ${grace}`, "asha", "gracePeriod", grace);
  const rungs: number[] = [];
  for (let r = grace; r < options.maxEpochs; r *= eta) rungs.push(r);
  const recorded = new Map<number, Map<string, number>>(rungs.map((r) => [r, new Map()]));
  const better = options.mode === "min" ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;

  return {
    rungs,
    report(trialKey, epoch, value) {
      const rung = recorded.get(epoch);
      if (!rung) return "continue";
      rung.set(trialKey, value);
      if (Number.isNaN(value)) return "stop";
      let rank = 1;
      for (const [key, other] of rung) if (key !== trialKey && better(other, value)) rank++;
      return rank <= Math.ceil(rung.size / eta) ? "continue" : "stop";
    },
  };
}
