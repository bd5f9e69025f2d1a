/**
 * One sharpness probe of a run: λ_max(∇²J) on the probe's fixed batch after step `step`, beside the
 * stability threshold of that step's η (2/η for SGD): the rows `sharpnessMonitor` records and the
 * run store keeps. Where η·λ_max ≥ 2, i.e. `sharpness ≥ threshold`, GD is past its edge of stability.
 */
export interface SharpnessRow {
  step: number;
  sharpness: number;
  threshold: number;
  /**
   * With `preconditioned: true` (Adam, AdamW, RMSprop): λ_max(P⁻¹H) with the optimizer's
   * preconditioner P at that step, and its threshold ((2 + 2β₁)/(η(1 − β₁)) for Adam, 2/η for RMSprop).
   */
  preconditioned?: number;
  preconditionedThreshold?: number;
}

/**
 * Whether the rows' preconditioned threshold is Adam's (2 + 2β₁)/(η(1 − β₁)) rather than
 * RMSprop's 2/η, which equals the plain threshold: what the report and the dashboard label it.
 */
export function adamThreshold(rows: readonly SharpnessRow[]): boolean {
  return rows.some((r) => r.preconditionedThreshold !== undefined && Math.abs(r.preconditionedThreshold / r.threshold - 1) > 1e-9);
}
