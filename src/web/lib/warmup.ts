/**
 * Whether a live run's η is still in warm-up: at the highest value logged so far, above where it
 * started, and risen over the last tenth of the logged steps,
 *
 *     η_last = max_t η_t  >  η_0   and   η_last > η_{⌊0.9·(n−1)⌋}.
 *
 * While it is, the loss has not yet seen the η the run will train at, so a verdict on η (in
 * particular "good") would judge the ramp, not the rate. A constant η, a schedule past its peak,
 * and a warm-up that has reached its plateau for more than a tenth of the run are not warm-up.
 * Non-finite η are ignored.
 */
export function stillWarmingUp(lr: readonly number[]): boolean {
  const finite = lr.filter((x) => Number.isFinite(x));
  const n = finite.length;
  if (n < 2) return false;
  const last = finite[n - 1]!;
  return last >= Math.max(...finite) && last > finite[0]! && last > finite[Math.floor(0.9 * (n - 1))]!;
}
