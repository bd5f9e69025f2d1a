/**
 * Muon's per-matrix learning-rate adjustment (`adjust_lr_fn` of `torch.optim.Muon`): an
 * orthogonalised update has unit singular values, so its RMS depends on the matrix's shape, and
 * each matrix [A, B] (a conv kernel counted as [out, in·kh·kw]) is scaled by
 *
 *     "original":         max(1, A/B)^½           (Jordan et al. 2024)
 *     "match_rms_adamw":  0.2·√max(A, B)          (Liu et al. 2025, "Muon is Scalable for LLM
 *                                                 Training": the update's RMS becomes 0.2, AdamW's
 *                                                 typical RMS, so AdamW's lr and weight decay carry over)
 *
 * The factor is a constant of the shape; weight decay does not see it (θ ← θ − γλθ − γ·factor·u).
 */
import { scalarLike } from "../../engine/index.js";
import type { GradientTransformation } from "../types.js";
import { matrixShape } from "./orthogonalize.js";
import { mapParams } from "./params.js";

export type AdjustLr = "original" | "match_rms_adamw";

/** The factor for a matrix of `shape` under `rule`. */
export function shapeFactor(rule: AdjustLr, shape: readonly number[]): number {
  const [rows, cols] = matrixShape(shape);
  return rule === "original" ? Math.sqrt(Math.max(1, rows / cols)) : 0.2 * Math.sqrt(Math.max(rows, cols));
}

/** u ← factor(shape)·u. Stateless. */
export function scaleByShape(rule: AdjustLr): GradientTransformation<Record<string, never>> {
  return {
    init: () => ({}),
    update: (updates, state) => [mapParams(updates, (u) => u.mul(scalarLike(shapeFactor(rule, u.shape), u))), state],
  };
}
