/**
 * What η did in a run, read from its logged curves. "Start" is the median of the first 3 losses,
 * "end" the median of the last tenth, "improvement" 1 − end/start, the "tail" the last quarter
 * (fitted by least squares: its change relative to its level, and the slope's t statistic), and
 * "noise" the robust std of step-to-step differences over the last half relative to its level.
 * Every quantity is a ratio, so multiplying the loss by a constant changes no verdict; losses are
 * assumed ≥ 0, as cross-entropy and MSE are. The rules, in the order they are tried (thresholds,
 * with how they were tuned, in `thresholds.ts`):
 *
 * - **diverged** — a loss or gradient norm that is not finite; or the trainer stopped the run with
 *   kind "diverged"/"non_finite"; or the smoothed loss (debiased EMA over a twentieth of the run,
 *   at most 50 steps) rising above 4 × its best so far, by at least a quarter of the drop from the
 *   start to that best. Evidence names the step and its η. Suggestion: η at divergence / 10 — the
 *   explosion shows η well past the stability edge (for gradient descent on a quadratic,
 *   η > 2/λ_max), and a tenth is the margin fastai/Smith take from the range test's blow-up; but
 *   when the run had already removed half its starting loss at the very η that then blew it up
 *   (constant η, not a warm-up or range test still raising it), η was only just past the edge
 *   (progressive sharpening, Cohen et al. 2021), so η / 3 is enough.
 * - **oscillating** — the tail is rising significantly (t > 3, more than 1 %); or the loss gave
 *   back a quarter of its drop (start → smoothed best, at least 10 %) by the end; or the tail is not
 *   falling, the run removed less than half its starting loss, and η shows instability: noise at
 *   least 15 % of the level, or the loss (3-step running median) rose to 1.5 × its start, or it
 *   ended 10 % above its start, or the gradient norm grew 10×, or it collapsed 10× while the loss
 *   did not move (dead units). A too-high constant SGD η on MNIST throws the loss far above its
 *   start within a few steps (measured, batch 64: η ≥ 1 reaches 27–80 000, then sits at ~2.3 with
 *   dead units), so that run is diverged; a run that never blew up but bounces around its start,
 *   or sits there with its gradients gone, is oscillating, as is SGD with momentum 0.9 at η = 0.3
 *   (measured: down to ~1.5, then spikes of 3–10 and a drift back to 2.0). Suggestion: lower η
 *   about 3× or add a decay.
 * - **too_slow** — over the η-active part of the run (before η decayed below 30 % of its peak, so
 *   a one-cycle or cosine run is judged on its high-η phase, not on its intended slow-down) the
 *   tail is still falling significantly (t < −3, more than 1 %) and its pace has not bent much:
 *   read as an exponential approach L∞ + (L₀ − L∞)e^{−t/τ}, it spanned fewer than 3.3 time
 *   constants τ; and the run removed less than 80 % of its starting loss. A good SGD run is
 *   noise-dominated at its end (|t| < 3) and bent (4–6 τ); too low an η leaves a smooth,
 *   still-descending curve. Also too slow: a loss that barely moved (less than 10 %) with no sign
 *   of instability, and a run that removed less than half its start without flattening early.
 *   Suggestion: raise η 3×, or 10× when the run removed less than half its starting loss (far
 *   from converged) — τ ∝ 1/η for gradient descent below the stability edge (each
 *   eigen-direction contracts by 1 − ηλ a step). Not while a warm-up is still raising η.
 * - **plateaued** — the tail is not falling and is flat (fitted change under 5 %, or the run
 *   removed less than half its start), after the loss fell at least 10 %; it still holds at least
 *   a quarter of its starting value; and it came within 10 % (of the drop) of that final level in
 *   the first 60 % of the run. Or the validation loss stalled for 3 epochs at constant η
 *   (`findValPlateau`). Suggestion: reduce η 10× where it flattened, or ReduceLROnPlateau/cosine.
 * - **good** — otherwise: it removed at least half its starting loss, and is still improving
 *   slowly or flat at a low level. Mini-batch noise alone never makes such a run oscillating (a
 *   good MNIST run sits at ~0.1–0.3 with noise of tens of percent of that level). A run that
 *   starts near its floor (fine-tuning) cannot fall by half, so it is judged plateaued or too slow.
 *
 * An oscillating or diverged run with sharpness probes gains the evidence of the first probe where
 * η·λ_max ≥ 2 (`edgeOfStabilityEvidence`).
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
  CONSTANT_LR_TOLERANCE,
  DIVERGE_FACTOR,
  FLAT_CHANGE,
  GRAD_NORM_CHANGE,
  LATE_DIVERGENCE_IMPROVEMENT,
  MIN_STEPS,
  OSCILLATION_NOISE,
  OSCILLATION_REBOUND,
  RELAPSE_GIVE_BACK,
  RELAPSE_MIN_DROP,
  OSCILLATION_RISE,
  PLATEAU_FLAT_CHANGE,
  PLATEAU_LEVEL,
  PLATEAU_MAX_ONSET,
  PROGRESS_MIN,
  SIGNIFICANT_T,
  START_WINDOW,
  SUBSTANTIAL_IMPROVEMENT,
  TOO_SLOW_MAX_IMPROVEMENT,
  TOO_SLOW_TIME_CONSTANTS,
  VAL_PATIENCE,
} from "./thresholds.js";
import { findDivergence } from "../../curves/index.js";
import { edgeOfStabilityEvidence } from "./edge-of-stability.js";
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
    suggestedLr: undefined,
    stepsNeeded: undefined,
  };
  const scheduled = lrPeak > lrLow * (1 + 1e-9);
  const context: Context = { run, m, details, scheduled, lrName: scheduled ? "the peak lr (max_lr)" : "lr" };
  const judgement = judge(context, bad, val);
  const edge = judgement.verdict === "oscillating" || judgement.verdict === "diverged" ? edgeOfStabilityEvidence(run.sharpness) : undefined;
  return { verdict: judgement.verdict, evidence: edge ? [...judgement.evidence, edge] : judgement.evidence, suggestion: judgement.suggestion, details: { ...details, ...judgement.extra } };
}

function judge(c: Context, bad: number, val: ValPlateau | undefined): Judgement {
  const { run, m } = c;
  const n = run.steps.length;
  if (bad !== -1) {
    const gradient = Number.isFinite(run.loss[bad]!);
    const what = gradient ? `gradient norm became ${run.gradNorm![bad]}` : `loss became ${run.loss[bad]}`;
    const before = bad >= 2 ? [`before that the smoothed loss went from ${formatValue(m.start)} to a best of ${formatValue(m.best)} at step ${run.steps[m.bestIndex]}`] : [];
    return diverged(c, bad, [`${what} at step ${run.steps[bad]} with lr ${formatLr(run.lr[bad]!)}`, ...before, ...stopEvidence(run)], bad >= 2 ? 1 - m.best / m.start : 0, m.bestIndex);
  }
  if (run.stopped?.kind === "diverged" || run.stopped?.kind === "non_finite") {
    const lastFew = median(run.loss.slice(-3));
    const spike =
      lastFew < DIVERGE_FACTOR * m.best
        ? [`but the last steps' median loss, ${formatValue(lastFew)}, is under ${DIVERGE_FACTOR}× the smoothed best (${formatValue(m.best)}): one noisy batch may have tripped a guard that compares single batches`]
        : [];
    return diverged(c, n - 1, [...stopEvidence(run), ...spike], 1 - m.best / m.start, m.bestIndex);
  }
  const blowUp = findDivergence(run.loss, run.divergence);
  if (blowUp?.kind === "diverged") {
    const { step: index, bestStep: bestIndex, best } = blowUp;
    const first = run.loss[0]!;
    return diverged(
      c,
      index,
      [
        `the smoothed loss rose to ${formatValue(blowUp.smoothed / best)}× its best (${formatValue(best)} at step ${run.steps[bestIndex]}) by step ${run.steps[index]}, with lr ${formatLr(run.lr[index]!)} there`,
        `the loss ended at ${formatValue(m.end)}; it started at ${formatValue(first)}`,
      ],
      1 - best / median(run.loss.slice(0, Math.min(START_WINDOW, bestIndex + 1))),
      bestIndex,
    );
  }
  if (n < MIN_STEPS) return shortRun(c);

  const falling = m.pace.tailT < -SIGNIFICANT_T && m.pace.tailChange < -FLAT_CHANGE;
  const rising = m.pace.tailT > SIGNIFICANT_T && m.pace.tailChange > FLAT_CHANGE;
  const drop = m.start - m.best;
  const rebound =
    (drop >= PROGRESS_MIN * m.start && m.end - m.best >= OSCILLATION_REBOUND * drop) ||
    (drop >= RELAPSE_MIN_DROP * m.start && m.end - m.best >= RELAPSE_GIVE_BACK * drop);
  const substantial = m.improvement >= SUBSTANTIAL_IMPROVEMENT;
  const instability = instabilitySigns(c, rising, rebound);
  if (rising || rebound || (!falling && !substantial && instability.length > 0)) return oscillating(c, instability);

  const active = m.activePace;
  const activeFalling = active.tailT < -SIGNIFICANT_T && active.tailChange < -FLAT_CHANGE;
  if (activeFalling && !active.warmingUp && active.timeConstants < TOO_SLOW_TIME_CONSTANTS && m.improvement < TOO_SLOW_MAX_IMPROVEMENT) return stillFalling(c);
  if (!falling && !m.pace.warmingUp && m.improvement < PROGRESS_MIN) return barelyMoved(c);

  const flatEarly = m.flatIndex !== undefined && m.flatIndex <= PLATEAU_MAX_ONSET * (n - 1);
  const flat = Math.abs(m.pace.tailChange) < PLATEAU_FLAT_CHANGE || !substantial;
  if (!falling && flat && flatEarly && m.improvement >= PROGRESS_MIN && 1 - m.improvement >= PLATEAU_LEVEL) return plateaued(c, m.flatIndex!, val);
  if (val !== undefined) return valPlateaued(c, val);
  if (!substantial && !m.pace.warmingUp) return slowThroughout(c);
  return good(c, falling);
}

function describeTrend(m: CurveMeasures): { trend: string; overall: string } {
  return {
    trend: `${formatPercent(m.pace.tailChange)} over the last quarter (t = ${formatValue(m.pace.tailT)})`,
    overall: `the loss went from ${formatValue(m.start)} to ${formatValue(m.end)} (${formatPercent(-m.improvement)})`,
  };
}

function oscillating(c: Context, instability: string[]): Judgement {
  const { trend, overall } = describeTrend(c.m);
  return {
    verdict: "oscillating",
    evidence: [...instability, `its trend: ${trend}`, `${overall}, ${formatPercent(c.m.improvement)} of its start removed`],
    suggestion: `lower ${c.lrName} about 3× (from ${formatLr(c.details.lrPeak)} to about ${roundLr(c.details.lrPeak / 3)}) or add a decay (cosine, or ReduceLROnPlateau)`,
    extra: { suggestedLr: Number(roundLr(c.details.lrPeak / 3)) },
  };
}

function stillFalling(c: Context): Judgement {
  const { m, run } = c;
  const active = m.activePace;
  const phase = m.activeCount < run.steps.length;
  const pace = `${formatPercent(active.tailChange)} over the last quarter${phase ? " of that phase" : ""} (t = ${formatValue(active.tailT)}), at ${formatValue(active.bendRatio)}× its mean pace`;
  return {
    verdict: "too_slow",
    evidence: [
      phase
        ? `while η was at least 30% of its peak (up to step ${run.steps[m.activeCount - 1]}) the loss was still falling steadily: ${pace}`
        : `the loss is still falling steadily at the end: ${pace}`,
      `read as an exponential approach to a floor, it spanned only ${formatValue(active.timeConstants)} time constants (a converged run spans over ${TOO_SLOW_TIME_CONSTANTS})`,
      `${describeTrend(m).overall}: only ${formatPercent(m.improvement)} of its start removed`,
      ...gradNormEvidence(c),
    ],
    ...raise(c, m.improvement < SUBSTANTIAL_IMPROVEMENT ? 10 : 3, Math.ceil((run.steps.length * TOO_SLOW_TIME_CONSTANTS) / Math.max(active.timeConstants, 1e-9))),
  };
}

function barelyMoved(c: Context): Judgement {
  const { trend, overall } = describeTrend(c.m);
  const dead = c.run.gradNorm !== undefined && c.run.gradNorm.every((g) => g === 0);
  return {
    verdict: "too_slow",
    evidence: [
      `the loss barely moved: ${overall}; trend ${trend}`,
      `noise over the last half is ${formatPercent(c.m.noise)} of its level and it never rose far above its start, so η is not too high`,
      ...(dead ? ["the gradient norm is 0 at every step"] : gradNormEvidence(c)),
    ],
    ...(dead ? { suggestion: "the gradients are zero, so no η can move the loss: check that the parameters receive gradients (frozen or dead units, a detached loss)" } : raise(c, 10)),
  };
}

function slowThroughout(c: Context): Judgement {
  const { m, run } = c;
  const n = run.steps.length;
  const { trend, overall } = describeTrend(m);
  const reached = m.flatIndex === undefined ? "" : `; it came within 10% of its final level only at step ${run.steps[m.flatIndex]} (${formatPercent(m.flatIndex / (n - 1))} of the run)`;
  return {
    verdict: "too_slow",
    evidence: [`${overall}: only ${formatPercent(m.improvement)} of its start removed, with no sign of instability`, `a slow descent rather than a fast drop and a plateau${reached}; trend ${trend}`],
    ...raise(c, 10),
  };
}

function plateaued(c: Context, flatIndex: number, val: ValPlateau | undefined): Judgement {
  const { m, run } = c;
  const flatLr = run.lr[flatIndex]!;
  const decayedLater = c.details.lrEnd < flatLr / 3;
  return {
    verdict: "plateaued",
    evidence: [
      `the smoothed loss came within 10% of its final level by step ${run.steps[flatIndex]} (${formatPercent(flatIndex / (run.steps.length - 1))} of the run), then stayed flat: ${describeTrend(m).trend}`,
      `it ends at ${formatValue(m.end)}, still ${formatPercent(1 - m.improvement)} of its start (${formatValue(m.start)})`,
      ...(val === undefined ? [] : [valEvidence(val)]),
    ],
    suggestion: `${decayedLater ? "decay sooner: " : ""}reduce lr 10× (from ${formatLr(flatLr)} to about ${roundLr(flatLr / 10)}) at step ~${run.steps[flatIndex]}, or use ReduceLROnPlateau (factor 0.1) or a cosine decay`,
    extra: { suggestedLr: Number(roundLr(flatLr / 10)) },
  };
}

function valPlateaued(c: Context, val: ValPlateau): Judgement {
  return {
    verdict: "plateaued",
    evidence: [valEvidence(val), `the training loss went from ${formatValue(c.m.start)} to ${formatValue(c.m.end)}; trend ${describeTrend(c.m).trend}`],
    suggestion: `reduce lr 10× (from ${formatLr(val.lr)} to about ${roundLr(val.lr / 10)}) after epoch ${val.bestEpoch}, or use ReduceLROnPlateau on the validation loss (factor 0.1, patience ≤ ${VAL_PATIENCE - 1})`,
  };
}

function good(c: Context, falling: boolean): Judgement {
  const { m } = c;
  const { trend, overall } = describeTrend(m);
  const keep = c.scheduled ? `keep this schedule (peak lr ${formatLr(c.details.lrPeak)})` : `keep lr ${formatLr(c.details.lrPeak)}`;
  const longer = c.scheduled ? "a longer schedule may help" : "a longer run would help";
  return {
    verdict: "good",
    evidence: [
      `${overall}, ${formatPercent(m.improvement)} of its start removed`,
      `the last quarter ${falling ? "is still falling" : "has no significant trend"}: ${trend}; noise over the last half is ${formatPercent(m.noise)} of its level`,
      ...(m.pace.warmingUp ? ["η was still rising (warm-up) at the end: too early to judge its speed"] : []),
    ],
    suggestion: `η looks right: ${keep}${falling ? `; the loss was still falling at the end, so ${longer}` : ""}`,
  };
}

/** `improvementBefore`: the fraction of the starting loss removed by the best step (`bestIndex`) before the blow-up at `index`. */
function diverged(c: Context, index: number, evidence: string[], improvementBefore: number, bestIndex: number): Judgement {
  const lr = c.run.lr[index]!;
  const sameLr = lr <= c.run.lr[bestIndex]! * (1 + CONSTANT_LR_TOLERANCE);
  const late = improvementBefore >= LATE_DIVERGENCE_IMPROVEMENT && sameLr;
  const why = late
    ? `1/3 of the η ${formatLr(lr)} at which it diverged: it had removed ${formatPercent(improvementBefore)} of its starting loss at that η first, so η was only just past the stability edge`
    : `1/10 of the η ${formatLr(lr)} at which it diverged`;
  return {
    verdict: "diverged",
    evidence,
    suggestion: `lower ${c.lrName} to about ${roundLr(lr / (late ? 3 : 10))} (${why})`,
    extra: { divergedStep: c.run.steps[index], divergedLr: lr, suggestedLr: Number(roundLr(lr / (late ? 3 : 10))) },
  };
}

function shortRun(c: Context): Judgement {
  const { m, run } = c;
  const n = run.steps.length;
  const judged = `too few steps to judge (${n} < ${MIN_STEPS}): only divergence and direction are assessed`;
  const overall = `the loss went from ${formatValue(m.start)} to ${formatValue(m.end)}`;
  const rose = m.end >= OSCILLATION_RISE * m.start && m.end > 0;
  const verdict: LrVerdict = rose ? "oscillating" : "inconclusive";
  return {
    verdict,
    evidence: [judged, rose ? `${overall}, ${formatValue(m.end / m.start)}× its start` : overall],
    suggestion: rose
      ? `lower ${c.lrName} about 3× (from ${formatLr(c.details.lrPeak)} to about ${roundLr(c.details.lrPeak / 3)})`
      : `inconclusive: too few steps (${n}); run at least ${MIN_STEPS} steps (better a few hundred) before changing η`,
    extra: rose ? { suggestedLr: Number(roundLr(c.details.lrPeak / 3)) } : { stepsNeeded: MIN_STEPS },
  };
}

function instabilitySigns(c: Context, rising: boolean, rebound: boolean): string[] {
  const { m, run } = c;
  const signs: string[] = [];
  if (m.noise >= OSCILLATION_NOISE) {
    const lastHalf = run.loss.slice(Math.floor(run.loss.length / 2));
    signs.push(`over the last half the loss noise is ${formatPercent(m.noise)} of its level (${formatValue(median(lastHalf))})`);
  }
  if (m.peakRise >= OSCILLATION_RISE) signs.push(`the loss rose to ${formatValue(m.peakRise)}× its start at step ${run.steps[m.peakIndex]}`);
  if (rebound) {
    const given = formatPercent((m.end - m.best) / (m.start - m.best));
    signs.push(`the loss gave back ${given} of its drop: from a smoothed best of ${formatValue(m.best)} at step ${run.steps[m.bestIndex]} it rose to ${formatValue(m.end)}`);
  }
  if (rising) signs.push(`the loss is rising at the end: +${formatPercent(m.pace.tailChange)} over the last quarter`);
  if (m.improvement <= -PROGRESS_MIN) signs.push(`it ended ${formatPercent(-m.improvement)} above its start`);
  const gradNorm = c.details.gradNormChange;
  if (gradNorm !== undefined && gradNorm >= GRAD_NORM_CHANGE) signs.push(`the gradient norm grew to ${formatValue(gradNorm)}× its start`);
  if (gradNorm !== undefined && gradNorm <= 1 / GRAD_NORM_CHANGE && m.improvement < PROGRESS_MIN) {
    signs.push(`the gradient norm collapsed to ${formatValue(gradNorm)}× its start while the loss stayed put: units died, as a too-high η does`);
  }
  return signs;
}

/** The suggestion to raise η `factor`×, and the η it names; `stepsNeeded` when the run was too short to have settled. */
function raise(c: Context, factor: number, stepsNeeded?: number): Pick<Judgement, "suggestion" | "extra"> {
  const lr = c.details.lrPeak;
  return {
    suggestion: `raise ${c.lrName} about ${factor}× (from ${formatLr(lr)} to about ${roundLr(lr * factor)})`,
    extra: { suggestedLr: Number(roundLr(lr * factor)), ...(stepsNeeded === undefined ? {} : { stepsNeeded }) },
  };
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
