/**
 * What η did in a run, read from its logged curves. The rules, in the order they are tried
 * (thresholds in `thresholds.ts`; losses are assumed ≥ 0, as cross-entropy and MSE are):
 *
 * - **diverged** — a loss or gradient norm that is not finite; or the trainer stopped the run with
 *   kind "diverged"/"non_finite"; or the smoothed loss (debiased EMA over a twentieth of the run,
 *   at most 50 steps) rising above `DIVERGE_FACTOR` = 4 × its best so far, by at least a quarter of
 *   the drop from the start to that best. Evidence names the step and its η. Suggestion: η at
 *   divergence / 10 — the explosion shows η well past the stability edge (for gradient descent on
 *   a quadratic, η > 2/λ_max), and a tenth is the margin fastai/Smith take from the range test's
 *   blow-up; but when the run had already removed half its starting loss before blowing up, η was
 *   only just past the edge (progressive sharpening, Cohen et al. 2021), so η / 3 is enough.
 * - **oscillating** — the tail is not falling, the run removed less than half its starting loss,
 *   and η shows instability: the last half's noise (robust std of step-to-step differences) is at
 *   least 5 % of its level, or the loss rose to 1.5 × its start, or the tail is rising, or it
 *   ended above its start. A too-high constant SGD η on MNIST that does not reach NaN bounces
 *   around the starting ~2.3 with such noise (or spikes and then sits at 2.3 with dead units): that
 *   is called oscillating; once the smoothed loss reaches 4 × its best it is diverged. Suggestion:
 *   lower η about 3× or add a decay.
 * - **too_slow** — over the η-active part of the run (before η decayed below 30 % of its peak, so
 *   a one-cycle or cosine run is judged on its high-η phase) the tail is still falling
 *   significantly (t < −3 and more than 1 % of its level) and nearly as fast as the run's mean
 *   pace: read as an exponential approach L∞ + (L₀ − L∞)e^{−t/τ}, it spanned fewer than 2 time
 *   constants; and the run removed less than 80 % of its starting loss. Also: a loss that barely
 *   moved (less than 10 %) without any sign of instability. Suggestion: raise η by 4 / (time
 *   constants spanned), as τ ∝ 1/η for gradient descent below the stability edge (each eigen-
 *   direction contracts by 1 − ηλ a step), rounded to 3× or 10× (10× for a loss that barely moved).
 * - **plateaued** — the tail is flat after the loss fell at least 10 %, it still holds at least a
 *   quarter of its starting value, and it came within 10 % (of the drop) of that final level in
 *   the first 60 % of the run; or the validation loss stalled for 3 epochs at constant η
 *   (`findValPlateau`). Suggestion: reduce η 10× where it flattened, or ReduceLROnPlateau/cosine.
 * - **good** — otherwise: it fell well, and is still improving slowly or flat at a low level.
 *   Mini-batch noise alone never makes a run oscillating once it has removed half its starting
 *   loss (a good MNIST run sits at ~0.1–0.3 with noise of tens of percent of that level).
 *
 * Runs shorter than 20 logged steps are only judged for divergence and direction: diverged as
 * above, oscillating if the loss ended 1.5 × above its start, otherwise good, with "too few steps
 * to judge" in the evidence.
 */
import { ConfigError } from "../../errors.js";
import { median } from "./curve-stats.js";
import { formatLr, formatPercent, formatValue, roundLr } from "./format-numbers.js";
import { levels, measureCurve, type CurveMeasures } from "./measure-curve.js";
import {
  FLAT_CHANGE,
  GRAD_NORM_CHANGE,
  LATE_DIVERGENCE_IMPROVEMENT,
  MIN_STEPS,
  OSCILLATION_MAX_IMPROVEMENT,
  OSCILLATION_NOISE,
  OSCILLATION_RISE,
  PLATEAU_LEVEL,
  PLATEAU_MAX_ONSET,
  PROGRESS_MIN,
  SIGNIFICANT_T,
  TARGET_TIME_CONSTANTS,
  TOO_SLOW_MAX_IMPROVEMENT,
  TOO_SLOW_TIME_CONSTANTS,
  VAL_PATIENCE,
} from "./thresholds.js";
import type { LrDiagnosis, LrDiagnosisDetails, LrDiagnosisInput, LrVerdict } from "./types.js";
import { findValPlateau, type ValPlateau } from "./val-plateau.js";

interface Context {
  run: LrDiagnosisInput;
  m: CurveMeasures;
  details: LrDiagnosisDetails;
  /** "lr" for a constant η, "the peak lr (max_lr)" for a schedule. */
  lrName: string;
  scheduled: boolean;
}

type Judgement = Pick<LrDiagnosis, "verdict" | "evidence" | "suggestion"> & { extra?: Partial<LrDiagnosisDetails> };

export function diagnoseLr(run: LrDiagnosisInput): LrDiagnosis {
  checkRun(run);
  const n = run.steps.length;
  const bad = run.loss.findIndex((l, i) => !Number.isFinite(l) || (run.gradNorm !== undefined && !Number.isFinite(run.gradNorm[i])));
  const finiteSteps = bad === -1 ? n : bad;
  const steps = run.steps.slice(0, finiteSteps);
  const m = measureCurve(steps, run.loss.slice(0, finiteSteps), run.lr.slice(0, finiteSteps));
  const lrPeak = run.lr.reduce((a, b) => Math.max(a, b));
  const lrLow = run.lr.reduce((a, b) => Math.min(a, b));
  const val = run.epochs === undefined ? undefined : findValPlateau(run.epochs, run.steps, run.lr);
  const details: LrDiagnosisDetails = {
    steps: n,
    finiteSteps,
    smoothingBeta: m.beta,
    startLoss: m.start,
    endLoss: m.end,
    bestLoss: m.best,
    bestStep: steps[m.bestIndex] ?? NaN,
    improvement: m.improvement,
    noise: m.noise,
    tailChange: m.pace.tailChange,
    tailT: m.pace.tailT,
    bendRatio: Number.isFinite(m.activePace.bendRatio) ? m.activePace.bendRatio : undefined,
    timeConstants: Number.isFinite(m.activePace.timeConstants) ? m.activePace.timeConstants : undefined,
    peakRise: m.peakRise,
    peakStep: steps[m.peakIndex] ?? NaN,
    flatStep: m.flatIndex === undefined ? undefined : steps[m.flatIndex],
    lrStart: run.lr[0]!,
    lrPeak,
    lrEnd: run.lr[n - 1]!,
    divergedStep: undefined,
    divergedLr: undefined,
    valPlateauEpochs: val?.epochsSince,
    gradNormChange: gradNormChange(run.gradNorm?.slice(0, finiteSteps)),
  };
  const scheduled = lrPeak > lrLow * (1 + 1e-9);
  const context: Context = { run, m, details, scheduled, lrName: scheduled ? "the peak lr (max_lr)" : "lr" };
  const judgement = judge(context, bad, val);
  return { verdict: judgement.verdict, evidence: judgement.evidence, suggestion: judgement.suggestion, details: { ...details, ...judgement.extra } };
}

function judge(c: Context, bad: number, val: ValPlateau | undefined): Judgement {
  const { run, m } = c;
  const n = run.steps.length;
  if (bad !== -1) {
    const gradient = Number.isFinite(run.loss[bad]!);
    const what = gradient ? `gradient norm became ${run.gradNorm![bad]}` : `loss became ${run.loss[bad]}`;
    const before = bad >= 2 ? [`before that the smoothed loss went from ${formatValue(m.start)} to a best of ${formatValue(m.best)} at step ${run.steps[m.bestIndex]}`] : [];
    return diverged(c, bad, [`${what} at step ${run.steps[bad]} with lr ${formatLr(run.lr[bad]!)}`, ...before, ...stopEvidence(run)], bad >= 2 ? 1 - m.best / m.start : 0);
  }
  if (run.stopped?.kind === "diverged" || run.stopped?.kind === "non_finite") {
    return diverged(c, n - 1, stopEvidence(run), 1 - m.best / m.start);
  }
  if (m.blowUp !== undefined) {
    const { index, bestIndex, ratio } = m.blowUp;
    const best = m.smoothed[bestIndex]!;
    return diverged(
      c,
      index,
      [
        `the smoothed loss rose to ${formatValue(ratio)}× its best (${formatValue(best)} at step ${run.steps[bestIndex]}) by step ${run.steps[index]}, with lr ${formatLr(run.lr[index]!)} there`,
        `the loss ended at ${formatValue(m.end)}, ${formatValue(m.end / m.start)}× its start (${formatValue(m.start)})`,
      ],
      1 - best / m.start,
    );
  }
  if (n < MIN_STEPS) return shortRun(c);

  const falling = m.pace.tailT < -SIGNIFICANT_T && m.pace.tailChange < -FLAT_CHANGE;
  const trend = `${formatPercent(m.pace.tailChange)} over the last quarter (t = ${formatValue(m.pace.tailT)})`;
  const overall = `the loss went from ${formatValue(m.start)} to ${formatValue(m.end)} (${formatPercent(-m.improvement)})`;

  const instability = instabilitySigns(c);
  if (!falling && m.improvement < OSCILLATION_MAX_IMPROVEMENT && instability.length > 0) {
    return {
      verdict: "oscillating",
      evidence: [...instability, `its trend is not falling: ${trend}`, `${overall}, less than ${formatPercent(OSCILLATION_MAX_IMPROVEMENT)} of its start removed`, ...gradNormEvidence(c)],
      suggestion: `lower ${c.lrName} about 3× (from ${formatLr(c.details.lrPeak)} to about ${roundLr(c.details.lrPeak / 3)}) or add a decay (cosine, or ReduceLROnPlateau)`,
    };
  }

  const active = m.activePace;
  const activeFalling = active.tailT < -SIGNIFICANT_T && active.tailChange < -FLAT_CHANGE;
  const during = m.activeCount < n ? ` while η was at least 30% of its peak (up to step ${run.steps[m.activeCount - 1]})` : "";
  if (activeFalling && active.timeConstants < TOO_SLOW_TIME_CONSTANTS && m.improvement < TOO_SLOW_MAX_IMPROVEMENT) {
    const factor = TARGET_TIME_CONSTANTS / active.timeConstants >= Math.sqrt(30) ? 10 : 3;
    return {
      verdict: "too_slow",
      evidence: [
        `the loss was still falling steadily${during}: ${formatPercent(active.tailChange)} over the last quarter of that (t = ${formatValue(active.tailT)}), at ${formatValue(active.bendRatio)}× its mean pace`,
        `read as an exponential approach, that is ${formatValue(active.timeConstants)} time constants of the ${TARGET_TIME_CONSTANTS} that bring a loss within 2% of its floor`,
        `${overall}: only ${formatPercent(m.improvement)} of its start removed`,
        ...gradNormEvidence(c),
      ],
      suggestion: raise(c, factor),
    };
  }
  if (!falling && m.improvement < PROGRESS_MIN) {
    const dead = run.gradNorm !== undefined && run.gradNorm.every((g) => g === 0);
    return {
      verdict: "too_slow",
      evidence: [
        `the loss barely moved: ${overall}; trend ${trend}`,
        `noise over the last half is ${formatPercent(m.noise)} of its level and it never rose above its start, so η is not too high`,
        ...(dead ? ["the gradient norm is 0 at every step"] : gradNormEvidence(c)),
      ],
      suggestion: dead ? "the gradients are zero, so no η can move the loss: check that the parameters receive gradients (frozen or dead units, a detached loss)" : raise(c, 10),
    };
  }

  const flatIndex = m.flatIndex;
  if (!falling && 1 - m.improvement >= PLATEAU_LEVEL && flatIndex !== undefined && flatIndex <= PLATEAU_MAX_ONSET * (n - 1)) {
    const flatLr = run.lr[flatIndex]!;
    const decayedLater = c.details.lrEnd < flatLr / 3;
    return {
      verdict: "plateaued",
      evidence: [
        `the smoothed loss came within 10% of its final level by step ${run.steps[flatIndex]} (${formatPercent(flatIndex / (n - 1))} of the run), then stayed flat: ${trend}`,
        `it ends at ${formatValue(m.end)}, still ${formatPercent(1 - m.improvement)} of its start (${formatValue(m.start)})`,
        ...(val === undefined ? [] : [valEvidence(val)]),
      ],
      suggestion: `${decayedLater ? "decay sooner: " : ""}reduce lr 10× (from ${formatLr(flatLr)} to about ${roundLr(flatLr / 10)}) at step ~${run.steps[flatIndex]}, or use ReduceLROnPlateau (factor 0.1) or a cosine decay`,
    };
  }
  if (val !== undefined) {
    return {
      verdict: "plateaued",
      evidence: [valEvidence(val), `the training loss went from ${formatValue(m.start)} to ${formatValue(m.end)}; trend ${trend}`],
      suggestion: `reduce lr 10× (from ${formatLr(val.lr)} to about ${roundLr(val.lr / 10)}) after epoch ${val.bestEpoch}, or use ReduceLROnPlateau on the validation loss (factor 0.1, patience ≤ ${VAL_PATIENCE - 1})`,
    };
  }

  return {
    verdict: "good",
    evidence: [`${overall}, ${formatPercent(m.improvement)} of its start removed`, `the last quarter ${falling ? "is still falling" : "is flat"}: ${trend}; noise over the last half is ${formatPercent(m.noise)} of its level`],
    suggestion: falling
      ? `η looks right; the loss was still falling, so a longer run would help`
      : `η looks right: keep ${c.scheduled ? `this schedule (peak lr ${formatLr(c.details.lrPeak)})` : `lr ${formatLr(c.details.lrPeak)}`}`,
  };
}

function diverged(c: Context, index: number, evidence: string[], improvementBefore: number): Judgement {
  const lr = c.run.lr[index]!;
  const late = improvementBefore >= LATE_DIVERGENCE_IMPROVEMENT;
  const why = late
    ? `1/3 of the η ${formatLr(lr)} at which it diverged: it had removed ${formatPercent(improvementBefore)} of its starting loss first, so η was only just past the stability edge`
    : `1/10 of the η ${formatLr(lr)} at which it diverged`;
  return {
    verdict: "diverged",
    evidence: [...evidence, ...gradNormEvidence(c)],
    suggestion: `lower ${c.lrName} to about ${roundLr(lr / (late ? 3 : 10))} (${why})`,
    extra: { divergedStep: c.run.steps[index], divergedLr: lr },
  };
}

function shortRun(c: Context): Judgement {
  const { m, run } = c;
  const n = run.steps.length;
  const judged = `too few steps to judge (${n} < ${MIN_STEPS}): only divergence and direction are assessed`;
  const overall = `the loss went from ${formatValue(m.start)} to ${formatValue(m.end)}`;
  const rose = m.end >= OSCILLATION_RISE * m.start && m.end > 0;
  const verdict: LrVerdict = rose ? "oscillating" : "good";
  return {
    verdict,
    evidence: [judged, rose ? `${overall}, ${formatValue(m.end / m.start)}× its start` : overall],
    suggestion: rose
      ? `lower ${c.lrName} about 3× (from ${formatLr(c.details.lrPeak)} to about ${roundLr(c.details.lrPeak / 3)})`
      : `too few steps to judge η: run at least ${MIN_STEPS} steps (better a few hundred) before changing it`,
  };
}

function instabilitySigns(c: Context): string[] {
  const { m, run } = c;
  const signs: string[] = [];
  if (m.noise >= OSCILLATION_NOISE) {
    const lastHalf = run.loss.slice(Math.floor(run.loss.length / 2));
    signs.push(`over the last half the loss noise is ${formatPercent(m.noise)} of its level (${formatValue(median(lastHalf))})`);
  }
  if (m.peakRise >= OSCILLATION_RISE) signs.push(`the loss rose to ${formatValue(m.peakRise)}× its start at step ${run.steps[m.peakIndex]}`);
  if (m.pace.tailT > SIGNIFICANT_T && m.pace.tailChange > FLAT_CHANGE) signs.push(`the loss is rising at the end: +${formatPercent(m.pace.tailChange)} over the last quarter`);
  if (m.improvement <= -PROGRESS_MIN) signs.push(`it ended ${formatPercent(-m.improvement)} above its start`);
  return signs;
}

function raise(c: Context, factor: number): string {
  const lr = c.details.lrPeak;
  return `raise ${c.lrName} about ${factor}× (from ${formatLr(lr)} to about ${roundLr(lr * factor)})`;
}

function stopEvidence(run: LrDiagnosisInput): string[] {
  return run.stopped === undefined ? [] : [`the trainer stopped the run (${run.stopped.kind}): ${run.stopped.reason}`];
}

function valEvidence(val: ValPlateau): string {
  return `validation ${val.key} has not improved on ${formatValue(val.best)} (epoch ${val.bestEpoch}) for ${val.epochsSince} epochs (now ${formatValue(val.last)}) while lr stayed ${formatLr(val.lr)}`;
}

function gradNormChange(gradNorm: readonly number[] | undefined): number | undefined {
  if (gradNorm === undefined || gradNorm.length === 0) return undefined;
  const { start, end } = levels(gradNorm);
  return start > 0 ? end / start : undefined;
}

function gradNormEvidence(c: Context): string[] {
  const change = c.details.gradNormChange;
  if (change === undefined || (change < GRAD_NORM_CHANGE && change > 1 / GRAD_NORM_CHANGE)) return [];
  return [`the gradient norm ${change > 1 ? "grew" : "fell"} to ${formatValue(change)}× its starting value${change < 1 ? " (dead units?)" : ""}`];
}

function checkRun(run: LrDiagnosisInput): void {
  const n = run.steps.length;
  if (n === 0) throw new ConfigError("diagnoseLr: the run has no logged steps; at least 1 is needed", "diagnoseLr", "steps", run.steps);
  const columns: [string, readonly number[] | undefined][] = [
    ["loss", run.loss],
    ["lr", run.lr],
    ["gradNorm", run.gradNorm],
  ];
  for (const [key, values] of columns) {
    if (values !== undefined && values.length !== n) {
      throw new ConfigError(`diagnoseLr.${key}: expected one value per step (${n}); got ${values.length}`, "diagnoseLr", key, values.length);
    }
  }
  for (const [key, values] of [
    ["steps", run.steps],
    ["lr", run.lr],
  ] as const) {
    const i = values.findIndex((v) => !Number.isFinite(v));
    if (i !== -1) throw new ConfigError(`diagnoseLr.${key}[${i}]: expected a finite number; got ${values[i]}`, "diagnoseLr", key, values[i]);
  }
}
