/**
 * Regression metrics on the host, over flat arrays of predictions ŷ and targets y (n values):
 *
 *   MAE  = (1/n) Σ |ŷ_i − y_i|
 *   RMSE = √((1/n) Σ (ŷ_i − y_i)²)
 *   R²   = 1 − Σ (y_i − ŷ_i)² / Σ (y_i − ȳ)²
 *
 * R² follows scikit-learn's r2_score (force_finite): when the targets are constant it is 1 for a
 * perfect prediction and 0 otherwise.
 */
import { sameLength } from "./classification.js";

type Values = ArrayLike<number>;

export function mae(predicted: Values, targets: Values): number {
  sameLength("mae", predicted, targets);
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += Math.abs(predicted[i]! - targets[i]!);
  return sum / targets.length;
}

export function rmse(predicted: Values, targets: Values): number {
  sameLength("rmse", predicted, targets);
  return Math.sqrt(squaredError(predicted, targets) / targets.length);
}

export function r2(predicted: Values, targets: Values): number {
  sameLength("r2", predicted, targets);
  let mean = 0;
  for (let i = 0; i < targets.length; i++) mean += targets[i]!;
  mean /= targets.length;
  let total = 0;
  for (let i = 0; i < targets.length; i++) total += (targets[i]! - mean) ** 2;
  const residual = squaredError(predicted, targets);
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}

function squaredError(predicted: Values, targets: Values): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += (predicted[i]! - targets[i]!) ** 2;
  return sum;
}
