/**
 * The imbalanced example: a fraud-detection-style logistic classifier on breast-cancer and on a
 * variant with positives subsampled to about 2%, at several η, with and without `pos_weight`,
 * scored at threshold ½ and at a threshold chosen on validation data.
 */
export { runImbalanced, splitParts, type ImbalancedOptions, type ImbalancedResult, type ImbalancedVariant, type ImbalancedRow, type ImbalancedProgress, type RepeatResult, type PartCounts } from "./run.js";
export { confusion, pooledScores, type Confusion, type Scores } from "./confusion.js";
export { formatImbalanced } from "./format.js";
export { malignantAsPositive, subsamplePositives, countPositives } from "./data.js";
export { bestF1Threshold, type ThresholdChoice } from "./threshold.js";
