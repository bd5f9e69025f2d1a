/**
 * The measurements the diagnosis reads off a loss curve whose values are all finite: levels,
 * noise, the trend at the end, how bent the curve is, peaks, where it flattened and where (if
 * anywhere) the smoothed loss blew up. Every one is a ratio of losses or of slopes, so it does not
 * depend on the loss's scale.
 */
import { smoothEma } from "../../curves/index.js";
import { linearTrend, median, robustNoise, runningMedian3, timeConstantsSpanned } from "./curve-stats.js";
import {
  ACTIVE_LR_FRACTION,
  CONSTANT_LR_TOLERANCE,
  END_FRACTION,
  MAX_SMOOTHING_WINDOW,
  MIN_STEPS,
  PLATEAU_GAP,
  SMOOTHING_RUN_FRACTION,
  START_WINDOW,
  TAIL_FRACTION,
} from "./thresholds.js";

export interface Pace {
  /** The tail's fitted change over its span, relative to its median level, and the slope's t statistic. */
  tailChange: number;
  tailT: number;
  /** −(tail slope) / (mean slope start → end); NaN when the loss did not fall overall. */
  bendRatio: number;
  timeConstants: number;
  /** η rose by more than `CONSTANT_LR_TOLERANCE` over the tail: a warm-up still in progress. */
  warmingUp: boolean;
}


export interface CurveMeasures {
  beta: number;
  smoothed: number[];
  start: number;
  end: number;
  best: number;
  bestIndex: number;
  improvement: number;
  noise: number;
  /** The whole run's pace, and the pace of its η-active part (before η decayed below `ACTIVE_LR_FRACTION` of its peak). */
  pace: Pace;
  activePace: Pace;
  activeCount: number;
  peakRise: number;
  peakIndex: number;
  flatIndex: number | undefined;
}

/** `a / b`, reading 0/0 as 0 (a constant zero loss neither rose nor fell). */
function ratio(a: number, b: number): number {
  return a === 0 ? 0 : a / b;
}

/** The first index whose value beats every other by `better` (a loop, as spreading 10⁵ values into Math.min overflows the stack). */
function argExtreme(values: readonly number[], better: (a: number, b: number) => boolean): number {
  let index = 0;
  for (let i = 1; i < values.length; i++) if (better(values[i]!, values[index]!)) index = i;
  return index;
}

/** How many leading values make the starting level: `START_WINDOW`, or a tenth of a short run (at least 1). */
function startCount(n: number): number {
  return Math.max(1, Math.min(START_WINDOW, Math.floor(n / 10)));
}

function endCount(n: number): number {
  return Math.max(startCount(n), Math.ceil(END_FRACTION * n));
}

/** The median of the first few values and of the last tenth. */
export function levels(values: readonly number[]): { start: number; end: number } {
  return { start: median(values.slice(0, startCount(values.length))), end: median(values.slice(-endCount(values.length))) };
}

/** β = 1 − 1/w with the window w a twentieth of the run, between 1 and `MAX_SMOOTHING_WINDOW` steps. */
export function smoothingBeta(n: number): number {
  const window = Math.min(MAX_SMOOTHING_WINDOW, Math.max(1, Math.round(n * SMOOTHING_RUN_FRACTION)));
  return 1 - 1 / window;
}

function pace(steps: readonly number[], loss: readonly number[], lr: readonly number[]): Pace {
  const n = loss.length;
  const { start, end } = levels(loss);
  const tailLength = Math.max(3, Math.ceil(TAIL_FRACTION * n));
  const tailSteps = steps.slice(-tailLength);
  const tail = loss.slice(-tailLength);
  const { slope, t } = linearTrend(tailSteps, tail);
  const tailChange = ratio(slope * (tailSteps[tailSteps.length - 1]! - tailSteps[0]!), median(tail));
  const meanSlope = (start - end) / (steps[n - 1]! - steps[0]!);
  const bendRatio = meanSlope > 0 ? -slope / meanSlope : NaN;
  const tailLr = lr.slice(-tailLength);
  const warmingUp = tailLr[tailLr.length - 1]! > tailLr[0]! * (1 + CONSTANT_LR_TOLERANCE);
  return { tailChange, tailT: t, bendRatio, timeConstants: timeConstantsSpanned(bendRatio, TAIL_FRACTION), warmingUp };
}


/** Measures a curve of finite losses (at least one) with the η of each step. */
export function measureCurve(steps: readonly number[], loss: readonly number[], lr: readonly number[]): CurveMeasures {
  const n = loss.length;
  const beta = smoothingBeta(n);
  const smoothed = smoothEma(loss, beta);
  const { start, end } = levels(loss);
  const bestIndex = argExtreme(smoothed, (a, b) => a < b);
  const lastHalf = loss.slice(Math.floor(n / 2));
  const peaks = runningMedian3(loss);
  const peakIndex = argExtreme(peaks, (a, b) => a > b);
  const lrPeak = lr[argExtreme(lr, (a, b) => a > b)] ?? NaN;
  const activeCount = lr.findLastIndex((v) => v >= ACTIVE_LR_FRACTION * lrPeak) + 1;
  const wholePace = pace(steps, loss, lr);
  const flatLevel = end + PLATEAU_GAP * (start - end);
  const flatIndex = start > end ? smoothed.findIndex((s) => s <= flatLevel) : -1;
  return {
    beta,
    smoothed,
    start,
    end,
    best: smoothed[bestIndex] ?? NaN,
    bestIndex,
    improvement: ratio(start - end, start),
    noise: ratio(robustNoise(lastHalf), median(lastHalf)),
    pace: wholePace,
    activePace: activeCount < n && activeCount >= MIN_STEPS ? pace(steps.slice(0, activeCount), loss.slice(0, activeCount), lr.slice(0, activeCount)) : wholePace,
    activeCount: activeCount >= MIN_STEPS ? activeCount : n,
    peakRise: ratio(peaks[peakIndex] ?? NaN, start),
    peakIndex,
    flatIndex: flatIndex >= 0 ? flatIndex : undefined,
  };
}
