/**
 * The one η lrkit recommends from an LR range test, used by `lrkit find --apply`, `lrkit study`,
 * the range-test report and the dashboard: fastai's `minimum` rule,
 *
 *     η* = η_{argmin L̃} / 10      (L̃ the smoothed loss),
 *
 * rounded to 3 significant digits. The other rules' η are kept beside it as alternatives.
 *
 * Chosen from what each rule's η trained to, one-cycle (`OneCycleLR`, max_lr = the suggestion):
 * - MNIST `cnn`, Adam, one epoch (`npm run find-target`, range test from 1e-7 in 100 steps): `minimum`
 *   0.0138 → 99.05% test accuracy; `valley` 7.56e-4 → 97.72%, 300 steps: 8.06e-4 → 97.81%, below the 98.5% target; only a
 *   sweep started at 1e-5 moved `valley` up to 3.05e-3 → 98.71%. `valley` sits in the flat start of
 *   the curve, so it depends on where the sweep starts; the lowest loss does not.
 * - 8×8 digits, MLP 64, SGD momentum 0.9, 5 epochs (docs/library.md, finder): `valley` 0.0215 →
 *   91.67%, `minimum` 0.107 → 95.83%.
 * - MNIST `cnn`, SGD momentum 0.9, 600 steps (`lrkit study`): `minimum` 0.0423 → 97.77%, level with
 *   Adam at 1e-3 (97.71%); `valley` (0.00192) was 22× lower, where SGD still learns slowly.
 */
export const recommendedRule = "minimum";

export interface RecommendedLr {
  rule: string;
  lr: number;
  /** Every other rule that found an η, in the order given. */
  alternatives: { rule: string; lr: number }[];
}

/** η* and the alternatives from suggestions by rule name (null where a rule found none); undefined when `minimum` found none. */
export function recommendedLr(suggestions: Readonly<Record<string, number | null | undefined>>): RecommendedLr | undefined {
  const lr = suggestions[recommendedRule];
  if (typeof lr !== "number" || !(lr > 0) || !Number.isFinite(lr)) return undefined;
  const alternatives = Object.entries(suggestions).flatMap(([rule, value]) => (rule !== recommendedRule && typeof value === "number" && Number.isFinite(value) ? [{ rule, lr: value }] : []));
  return { rule: recommendedRule, lr: Number(lr.toPrecision(3)), alternatives };
}
