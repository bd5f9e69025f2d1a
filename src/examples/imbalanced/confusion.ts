/**
 * Confusion counts of the positive class (label 1) and the scores pooled from them:
 *
 *   precision = ΣTP / (ΣTP + ΣFP),  recall = ΣTP / (ΣTP + ΣFN),  F1 = 2ΣTP / (2ΣTP + ΣFP + ΣFN)
 *
 * summed over evaluations (0 when a denominator is 0, as `precision`/`recall`/`f1` in nn): the
 * scores of all the evaluations' predictions taken together, which for a handful of positives per
 * evaluation is steadier than the mean of each evaluation's score.
 */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function confusion(predicted: ArrayLike<number>, labels: ArrayLike<number>): Confusion {
  if (predicted.length !== labels.length) throw new Error(`confusion: ${predicted.length} predictions but ${labels.length} labels`);
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    if (predicted[i] === 1 && labels[i] === 1) counts.tp++;
    else if (predicted[i] === 1) counts.fp++;
    else if (labels[i] === 1) counts.fn++;
  }
  return counts;
}

export function pooledScores(evaluations: readonly Confusion[]): Scores {
  const sum = (key: keyof Confusion) => evaluations.reduce((total, c) => total + c[key], 0);
  const [tp, fp, fn] = [sum("tp"), sum("fp"), sum("fn")];
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn) };
}
