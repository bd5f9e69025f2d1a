/**
 * Which way a validation metric improves, from its name: accuracy-like scores (names ending in
 * `acc`, `accuracy`, `auc`, `f1`, `precision`, `recall`, `r2`, or `top1`, `top5`, …) are
 * maximised; everything else (loss, mse, mae, perplexity, error rates) is minimised.
 */
export function higherIsBetter(metric: string): boolean {
  return /(acc|accuracy|auc|f1|precision|recall|r2|top\d+)$/i.test(metric);
}
