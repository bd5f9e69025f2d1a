/**
 * One sharpness probe of a run: λ_max(∇²J) on the probe's fixed batch after step `step`, beside the
 * stability threshold of that step's η (2/η for SGD): the rows `sharpnessMonitor` records and the
 * run store keeps. Where η·λ_max ≥ 2, i.e. `sharpness ≥ threshold`, GD is past its edge of stability.
 */
export interface SharpnessRow {
  step: number;
  sharpness: number;
  threshold: number;
}
