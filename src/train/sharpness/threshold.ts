/**
 * The stability threshold of a step on a quadratic with curvature λ along its sharpest direction
 * (Cohen et al. 2021, arXiv 2103.00065; 2022, arXiv 2207.14484):
 *
 *     gradient descent (SGD-like, no momentum):  stable iff λ < 2/η
 *     Adam with β₁ (preconditioned sharpness):   stable iff λ(P⁻¹H) < (2 + 2β₁) / (η(1 − β₁))
 *     RMSprop (preconditioned sharpness):        stable iff λ(P⁻¹H) < 2/η
 */
export type SharpnessRule = { kind: "sgd" } | { kind: "adam"; b1: number } | { kind: "rmsprop" };

export function stabilityThreshold(rule: SharpnessRule, lr: number): number {
  return rule.kind === "adam" ? (2 + 2 * rule.b1) / (lr * (1 - rule.b1)) : 2 / lr;
}
