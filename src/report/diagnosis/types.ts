/** What the learning-rate diagnosis reads (a run's logged curves) and what it returns. */
import type { DivergenceRule } from "../../curves/index.js";
import type { SharpnessRow } from "../../log/index.js";

/** What η did in a run; see `diagnoseLr` for the definitions. */
export type LrVerdict = "diverged" | "oscillating" | "too_slow" | "plateaued" | "good" | "inconclusive";

/** One epoch as the trainer's history logs it (`step`, the global step at its end, is optional). */
export interface DiagnosisEpoch {
  epoch: number;
  step?: number;
  trainLoss: number;
  val: Readonly<Record<string, number>>;
}

/** A run's per-step log: the η each step used, its loss and (optionally) its gradient norm. */
export interface LrDiagnosisInput {
  steps: readonly number[];
  loss: readonly number[];
  lr: readonly number[];
  gradNorm?: readonly number[];
  epochs?: readonly DiagnosisEpoch[];
  /** Why the trainer stopped early, if it did (`kind` "diverged"/"non_finite" means the divergence guard fired). */
  stopped?: { kind: string; reason: string };
  /** The divergence rule (`curves/divergence.ts`) with the factor and β of the run's guard; by default factor 4, β 0.98, judged from the first step. */
  divergence?: Partial<DivergenceRule>;
  /** The run's sharpness probes (λ_max beside its stability threshold), when it made them. */
  sharpness?: readonly SharpnessRow[];
}

/** The numbers behind a verdict. Ratios are relative to the loss level, so they do not depend on the loss's scale. */
export interface LrDiagnosisDetails {
  /** Logged steps, and how many of them (from the first) had a finite loss and gradient norm. */
  steps: number;
  finiteSteps: number;
  /** β of the EMA used for the smoothed loss. */
  smoothingBeta: number;
  /** Median of the first few losses, median of the last tenth, and the smoothed curve's minimum and its step. */
  startLoss: number;
  endLoss: number;
  bestLoss: number;
  bestStep: number;
  /** 1 − endLoss / startLoss: the fraction of the starting loss the run removed (negative when it rose). */
  improvement: number;
  /** Robust noise std over the last half, relative to the last half's median loss. */
  noise: number;
  /** The straight-line fit over the last quarter: its change relative to the level there, and its t statistic. */
  tailChange: number;
  tailT: number;
  /** Slope at the end of the η-active part over its mean slope, and the time constants of an exponential approach that implies. */
  bendRatio: number | undefined;
  timeConstants: number | undefined;
  /** Highest 3-step running median of the loss relative to startLoss, and its step. */
  peakRise: number;
  peakStep: number;
  /** Step by which the smoothed loss came within 10 % of the start-to-end drop of its final level. */
  flatStep: number | undefined;
  lrStart: number;
  lrPeak: number;
  lrEnd: number;
  /** Step and η where the run diverged. */
  divergedStep: number | undefined;
  divergedLr: number | undefined;
  /** Epochs since the best validation loss, when that makes a plateau. */
  valPlateauEpochs: number | undefined;
  /** Median gradient norm at the end over at the start. */
  gradNormChange: number | undefined;
  /** The η the suggestion names, when it names one (the peak for a schedule). */
  suggestedLr: number | undefined;
  /** How many steps the run would need before its verdict can be told (a run too short, or still falling steadily). */
  stepsNeeded: number | undefined;
}

export interface LrDiagnosis {
  verdict: LrVerdict;
  /** Short sentences with the numbers that justify the verdict. */
  evidence: string[];
  /** What to change, with the value to try. */
  suggestion: string;
  details: LrDiagnosisDetails;
}
