/**
 * The learning rates of an LR range test (Smith 2017, "Cyclical Learning Rates for Training
 * Neural Networks", §3.3): n values from `start` to `end`, both included,
 *
 *     exponential:  η_i = start · (end / start)^(i / (n − 1))
 *     linear:       η_i = start + (end − start) · i / (n − 1)          i = 0 … n − 1
 *
 * Exponential steps are even on a log axis, which is how the curve is read. fastai's `lr_find`
 * uses i / n (its last η stops one step short of `end`); PyTorch Lightning's uses (i + 1) / n after
 * a first step at `start`; here both ends are tested. Computed on the host in float64.
 */
export type LrMode = "exp" | "linear";

export const lrModes: readonly LrMode[] = ["exp", "linear"];

export function lrSequence(start: number, end: number, n: number, mode: LrMode): number[] {
  const lrs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : i / (n - 1);
    lrs.push(mode === "exp" ? start * (end / start) ** t : start + (end - start) * t);
  }
  return lrs;
}
