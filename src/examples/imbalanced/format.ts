/**
 * `formatImbalanced`: one table per variant, one row per (η, weighting), with the test part's
 * precision, recall and F1 at threshold ½ and at the validation-chosen threshold t* (pooled over
 * the repeats), and the mean t* and PR-AUC.
 */
import type { ImbalancedResult, ImbalancedRow, ImbalancedVariant, PartCounts } from "./run.js";

export function formatImbalanced(result: ImbalancedResult): string {
  const seeds = result.repeats === 1 ? `seed ${result.seed}` : `seeds ${result.seed}–${result.seed + result.repeats - 1}`;
  const header = [
    `Fraud-style classifier: logistic regression on breast-cancer with malignant as the positive class; SGD (no momentum), batch ${result.batchSize}, ${result.epochs} epochs`,
    `${result.repeats} repeats (${seeds}) of subsample, stratified 50/25/25 % train/validation/test split and training; every number is the test parts':`,
    `P, R, F1 = precision, recall, F1 of the positive class from TP, FP, FN summed over the repeats, @½ at threshold 0.5 on σ(z), @t* at the threshold`,
    `that maximised F1 on each repeat's validation part; t* and PR-AUC (average precision) are means over the repeats.`,
  ];
  return [...header, ...result.variants.flatMap((variant) => ["", ...variantTable(variant)]), "", `total ${result.seconds.toFixed(1)} s`].join("\n");
}

function variantTable(variant: ImbalancedVariant): string[] {
  const part = (label: string, c: PartCounts) => `${label} ${c.samples} (${c.positives} positive)`;
  const rows = [["η", "pos_weight", "P@½", "R@½", "F1@½", "t*", "P@t*", "R@t*", "F1@t*", "PR-AUC"], ...variant.rows.map(row)];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return [
    `${variant.name}: ${[part("train", variant.train), part("validation", variant.val), part("test", variant.test)].join(", ")}`,
    ...rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd()),
  ];
}

function row(r: ImbalancedRow): string[] {
  const weights = r.repeats.map((x) => x.posWeight).filter((w): w is number => w !== null);
  const posWeight = r.weighted ? (weights.reduce((a, b) => a + b, 0) / weights.length).toFixed(2) : "none";
  const f = (v: number) => v.toFixed(3);
  return [String(r.lr), posWeight, f(r.atHalf.precision), f(r.atHalf.recall), f(r.atHalf.f1), f(r.threshold), f(r.atThreshold.precision), f(r.atThreshold.recall), f(r.atThreshold.f1), f(r.prAuc)];
}
