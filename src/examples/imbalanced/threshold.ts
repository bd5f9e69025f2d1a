/**
 * Choosing the decision threshold on validation data: predict positive when the score
 * (probability) p ≥ t, with t the score that maximises
 *
 *   F1(t) = 2·TP(t) / (2·TP(t) + FP(t) + FN(t))
 *
 * over the distinct validation scores (the thresholds of scikit-learn's precision_recall_curve);
 * on a tie the highest such t, which flags the fewest samples. The threshold is then applied
 * unchanged to the test set.
 */
export interface ThresholdChoice {
  threshold: number;
  /** F1 on the data it was chosen on. */
  f1: number;
}

/** Throws when the labels hold no positive (F1 is then 0 at every threshold). */
export function bestF1Threshold(labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdChoice {
  if (labels.length !== scores.length) throw new Error(`bestF1Threshold: ${scores.length} scores but ${labels.length} labels`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  if (positives === 0) throw new Error("bestF1Threshold: the labels hold no positive, so no threshold has a non-zero F1");
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let best: ThresholdChoice = { threshold: Infinity, f1: -1 };
  let tp = 0;
  let flagged = 0;
  for (let k = 0; k < order.length; ) {
    const threshold = scores[order[k]!]!;
    for (; k < order.length && scores[order[k]!] === threshold; k++, flagged++) if (labels[order[k]!] === 1) tp++;
    const f1 = (2 * tp) / (flagged + positives);
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return best;
}
