/**
 * Two plain readings of an LR range test curve, computed the same way for every runtime so the
 * curves can be compared (lrkit's own suggestions are reported beside them): the η at the lowest
 * smoothed loss, and the η of the steepest descent (the most negative difference between
 * consecutive smoothed losses, skipping the first 10 points and the last, as PyTorch Lightning's
 * `suggestion()` does).
 */
export function curveReadings(lrs, losses) {
  let low = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[low]) low = i;
  let steep = -1;
  for (let i = 10; i < losses.length - 2; i++) if (steep < 0 || losses[i + 1] - losses[i] < losses[steep + 1] - losses[steep]) steep = i;
  return { points: losses.length, lrAtMin: lrs[low], lrSteepest: steep >= 0 ? lrs[steep] : NaN, first: losses[0], min: losses[low] };
}
