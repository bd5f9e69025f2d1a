/**
 * `formatRegressionStability`: the curvature, η_max, and one table row per (method, η) with the
 * final full-data loss or the step at which the run diverged. Full-batch rows also say whether the
 * loss fell at every step, and a diverged full-batch run its last growth factor per step next to
 * the (1 − ηλ_max)² that the top eigen-direction predicts.
 */
import type { RegressionStabilityResult, StabilityRun } from "./run.js";

export function formatRegressionStability(result: RegressionStabilityResult): string {
  const { samples, parameters, initialLoss, lambdaMax, lambdaMin, etaMax, jaxLambdaMax, epochs, miniBatch } = result;
  const stepsPerEpoch = (batch: number) => Math.ceil(samples / batch);
  const header = [
    `Diabetes regression: ${samples} samples, ${parameters - 1} standardised features + a bias column; J(w) = (1/n)‖Xw − y‖² from w = 0 (J(0) = ${initialLoss.toFixed(1)}; least-squares minimum J* = ${result.optimalLoss.toFixed(2)})`,
    `Hessian H = (2/n)XᵀX (float64, Jacobi): λ_max = ${lambdaMax.toPrecision(6)}, λ_min = ${lambdaMin.toPrecision(4)}, condition number κ = ${result.conditionNumber.toPrecision(4)}`,
    `  jax.hessian of the float32 loss: λ_max = ${jaxLambdaMax.toPrecision(6)} (relative difference ${relativeDifference(jaxLambdaMax, lambdaMax).toExponential(1)})`,
    `  largest stable η for full-batch GD: η_max = 2/λ_max = ${etaMax.toPrecision(6)}`,
    `  batch-1 SGD overshoots sample i once η > 1/‖xᵢ‖²: ${result.sgdMedianLr.toPrecision(3)} for the median sample, ${result.sgdSafeLr.toPrecision(3)} for the largest`,
    `${epochs} epochs per run (full batch: ${epochs} steps; batch ${miniBatch}: ${epochs * stepsPerEpoch(miniBatch)}; batch 1: ${epochs * samples}), seed ${result.seed}; diverged = full-data loss above 100·J(0) = ${result.divergenceLoss.toPrecision(3)} or not finite`,
  ];
  const rows = [["method", "batch", "η", "steps", "result", "best loss"], ...result.runs.map((run) => row(run, lambdaMax))];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const rightAligned = new Set([1, 3, 5]);
  const table = rows.map((r) => r.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd());
  return [...header, "", ...table, "", `total ${result.seconds.toFixed(1)} s`].join("\n");
}

function row(run: StabilityRun, lambdaMax: number): string[] {
  const lr = run.relative === undefined ? formatLr(run.lr) : `${run.lr.toPrecision(4)} (${run.relative}·η_max)`;
  return [run.method, String(run.batchSize), lr, String(run.steps), outcome(run, lambdaMax), run.bestLoss.toFixed(2)];
}

function outcome(run: StabilityRun, lambdaMax: number): string {
  const losses = run.stepLoss;
  if (run.divergedAt !== null) {
    const diverged = `diverged at step ${run.divergedAt}`;
    if (run.method !== "full-batch" || losses.length < 2) return diverged;
    const growth = losses.at(-1)! / losses.at(-2)!;
    return `${diverged} (last step ×${growth.toFixed(3)}; (1 − ηλ_max)² = ${((1 - run.lr * lambdaMax) ** 2).toFixed(3)})`;
  }
  const final = `loss ${run.finalLoss.toFixed(2)}`;
  if (run.method !== "full-batch") return final;
  return fellEveryStep(losses) ? `${final}, fell at every step` : final;
}

/** Whether each loss is at most the one before. */
export function fellEveryStep(losses: readonly number[]): boolean {
  return losses.every((loss, i) => i === 0 || loss <= losses[i - 1]!);
}

function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

function formatLr(lr: number): string {
  return lr < 1e-3 || lr >= 1e4 ? lr.toExponential().replace("e+", "e") : String(lr);
}
