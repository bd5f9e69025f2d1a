/**
 * Classification metrics on the host, over plain arrays (read a batch's logits back with
 * `await logits.data()`). Labels are class indices 0 … C−1 (for binary tasks 0 and 1).
 *
 * With TP, FP, FN the counts for one class c (predicted c and true c; predicted c, true not c;
 * true c, predicted not c):
 *
 *   precision = TP / (TP + FP),  recall = TP / (TP + FN),  F1 = 2·TP / (2·TP + FP + FN)
 *
 * and 0 when the denominator is 0 (scikit-learn's zero_division default, without the warning).
 * `average: "binary"` reports class `positive` (default 1); `average: "macro"` is the unweighted
 * mean over the classes present in the labels or the predictions (scikit-learn's
 * precision_score/recall_score/f1_score with their default `labels`).
 */
type Values = ArrayLike<number>;

/**
 * Predicted classes from logits laid out row-major as [n, columns]: the arg-max of each row
 * (the first on ties), or for one column the logit's sign (class 1 when z > 0, i.e. σ(z) > ½).
 */
export function predictClasses(logits: Values, columns: number): Int32Array {
  if (!Number.isInteger(columns) || columns < 1 || logits.length % columns !== 0) {
    throw new Error(`predictClasses: ${logits.length} logits do not form rows of ${columns} columns`);
  }
  const n = logits.length / columns;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (columns === 1) {
      out[i] = logits[i]! > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < columns; c++) if (logits[i * columns + c]! > logits[i * columns + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** Predicted classes from probabilities: 1 where p ≥ threshold (default ½), else 0. */
export function thresholdClasses(probabilities: Values, threshold = 0.5): Int32Array {
  return Int32Array.from(probabilities, (p) => (p >= threshold ? 1 : 0));
}

/** Fraction of examples whose predicted class equals the label. */
export function accuracy(predicted: Values, labels: Values): number {
  sameLength("accuracy", predicted, labels);
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
  return labels.length === 0 ? NaN : hits / labels.length;
}

export interface AverageOptions {
  average?: "binary" | "macro";
  /** The positive class for average "binary". Default 1. */
  positive?: number;
}

export function precision(predicted: Values, labels: Values, options: AverageOptions = {}): number {
  return averaged("precision", predicted, labels, options, ({ tp, fp }) => ratio(tp, tp + fp));
}

export function recall(predicted: Values, labels: Values, options: AverageOptions = {}): number {
  return averaged("recall", predicted, labels, options, ({ tp, fn }) => ratio(tp, tp + fn));
}

export function f1(predicted: Values, labels: Values, options: AverageOptions = {}): number {
  return averaged("f1", predicted, labels, options, ({ tp, fp, fn }) => ratio(2 * tp, 2 * tp + fp + fn));
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function averaged(metric: string, predicted: Values, labels: Values, { average = "binary", positive = 1 }: AverageOptions, score: (c: Counts) => number): number {
  sameLength(metric, predicted, labels);
  if (average === "binary") return score(countsFor(positive, predicted, labels));
  const classes = [...new Set([...Array.from(labels), ...Array.from(predicted)])];
  if (classes.length === 0) return NaN;
  return classes.reduce((sum, c) => sum + score(countsFor(c, predicted, labels)), 0) / classes.length;
}

function countsFor(c: number, predicted: Values, labels: Values): Counts {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const p = predicted[i] === c;
    const t = labels[i] === c;
    if (p && t) counts.tp++;
    else if (p) counts.fp++;
    else if (t) counts.fn++;
  }
  return counts;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function sameLength(metric: string, a: Values, b: Values): void {
  if (a.length !== b.length) throw new Error(`${metric}: ${a.length} predictions but ${b.length} labels`);
}
