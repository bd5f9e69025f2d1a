/**
 * Ranking metrics for binary labels (0/1) and real-valued scores (probabilities or logits: only
 * their order matters), on the host.
 *
 * ROC-AUC, the probability that a random positive scores above a random negative (ties count ½),
 * from the Mann–Whitney statistic with average ranks for tied scores:
 *
 *   AUC = (Σ_{i positive} rank_i − n⁺(n⁺ + 1)/2) / (n⁺ · n⁻)
 *
 * (scikit-learn's roc_auc_score gives the same value). NaN when only one class is present.
 *
 * PR-AUC as average precision, scikit-learn's average_precision_score: with the distinct scores as
 * thresholds in decreasing order, P_k and R_k the precision and recall of predicting positive at
 * score ≥ threshold k (tied scores enter together),
 *
 *   AP = Σ_k (R_k − R_{k−1}) · P_k,   R_0 = 0.
 *
 * NaN when there are no positives.
 */
import { sameLength } from "./classification.js";

type Values = ArrayLike<number>;

export function rocAuc(labels: Values, scores: Values): number {
  sameLength("rocAuc", scores, labels);
  const order = sortedIndices(scores, 1);
  let positives = 0;
  let rankSum = 0;
  forEachTieGroup(order, scores, (start, end) => {
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
  });
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function averagePrecision(labels: Values, scores: Values): number {
  sameLength("averagePrecision", scores, labels);
  let totalPositives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPositives++;
  if (totalPositives === 0) return NaN;
  const order = sortedIndices(scores, -1);
  let tp = 0;
  let seen = 0;
  let previousRecall = 0;
  let ap = 0;
  forEachTieGroup(order, scores, (start, end) => {
    for (let k = start; k < end; k++) if (labels[order[k]!] === 1) tp++;
    seen = end;
    const recall = tp / totalPositives;
    ap += (recall - previousRecall) * (tp / seen);
    previousRecall = recall;
  });
  return ap;
}

/** Indices sorted by score, ascending (direction 1) or descending (−1). */
function sortedIndices(scores: Values, direction: 1 | -1): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => direction * (scores[a]! - scores[b]!));
}

/** Calls `fn(start, end)` for each run [start, end) of equal scores in `order`. */
function forEachTieGroup(order: Int32Array, scores: Values, fn: (start: number, end: number) => void): void {
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++;
    fn(start, end);
    start = end;
  }
}
