/**
 * The thresholds of the learning-rate diagnosis. Every rule compares ratios (loss to loss, slope to
 * slope, step to run length), so a verdict does not change when the loss is multiplied by a
 * constant; the values were tuned on constructed curves (see `diagnose-lr.test.ts`) and on plain
 * SGD runs on MNIST (batch 64) at too-low, good and too-high η.
 */

/** Below this many logged steps the noise, trend and plateau estimates mean little: only divergence and the overall direction are judged. */
export const MIN_STEPS = 20;

/** The EMA that smooths the loss spans this fraction of the run (β = 1 − 1/window) … */
export const SMOOTHING_RUN_FRACTION = 1 / 20;
/** … but at most this many steps, so a long run's smoothed curve still follows a blow-up within ~50 steps. */
export const MAX_SMOOTHING_WINDOW = 50;

/** The starting level is the median of the first logged losses: this many at most (a tenth of the run for short runs). */
export const START_WINDOW = 3;
/** The final level is the median of this last fraction of the run. */
export const END_FRACTION = 0.1;
/** The trend "at the end" is a straight-line fit over this last fraction of the run. */
export const TAIL_FRACTION = 0.25;
/** |t| of the tail's slope above this is a real trend rather than mini-batch noise (about p < 0.003 for independent noise). */
export const SIGNIFICANT_T = 3;
/** A tail whose fitted change is smaller than this fraction of its level counts as flat even when significant. */
export const FLAT_CHANGE = 0.01;

/** A guard that stopped a run on one noisy batch: the last steps' median is under this multiple of the smoothed best (the divergence rule's factor, `curves/divergence.ts`). */
export const DIVERGE_FACTOR = 4;
/** A run that had already removed this fraction of its starting loss before blowing up was only just past the stability edge: lower η 3× rather than 10×. */
export const LATE_DIVERGENCE_IMPROVEMENT = 0.5;

/** The run "made progress" when the final level is at least this fraction below the starting level … */
export const PROGRESS_MIN = 0.1;
/** … and "fell substantially" when it is at least this fraction below: then mini-batch noise never makes it oscillating, and anything less is not good (a too-slow run this far from converged gets 10× more η rather than 3×). */
export const SUBSTANTIAL_IMPROVEMENT = 0.5;

/** Oscillating: the last half's noise (robust std) is at least this fraction of its level (plain SGD on MNIST, batch 64, measured ~4 % at its starting 2.3 and ~10 % at 0.8; noise at a lower level is not judged, see `SUBSTANTIAL_IMPROVEMENT`) … */
export const OSCILLATION_NOISE = 0.15;
/** … or the loss (3-step running median) rose to this multiple of its start at some point … */
export const OSCILLATION_RISE = 1.5;
/** Oscillating, whatever the improvement: after falling by at least `PROGRESS_MIN` to its smoothed best, the loss gave back at least this fraction of that drop by the end (good MNIST runs give back at most 5 %; SGD with momentum 0.9 at η = 0.3 gave back 41 %) … */
export const OSCILLATION_REBOUND = 0.25;
/** Oscillating too: a run that learnt a little — its smoothed loss fell at least this fraction below the start — … */
export const RELAPSE_MIN_DROP = 0.05;
/** … and then gave back at least this fraction of that drop: it learnt and then lost it all, as the CNN on MNIST does at a constant SGD η of 0.42 (down 9 % in 8 steps, then back at 2.31 for 590 steps, 102 % given back). A too-low η never gives its progress back. */
export const RELAPSE_GIVE_BACK = 0.75;
/** … otherwise only while the tail is not falling and the run did not fall substantially (`SUBSTANTIAL_IMPROVEMENT`). */

/** Too slow: the η-active part of the run is still falling significantly at its end and spanned fewer time constants of an exponential approach than this (its tail falls at more than ~0.19× its mean pace; plain SGD on MNIST measured 1.4 and 2.6 at η = 1e-4 and 1e-3, 4.2–6.4 at η = 0.01–0.3) … */
export const TOO_SLOW_TIME_CONSTANTS = 3.3;
/** … and the run removed less than this fraction of its starting loss (a run that did more has learnt, even if still falling). */
export const TOO_SLOW_MAX_IMPROVEMENT = 0.8;
/** Steps with η below this fraction of the run's peak η are a decay phase, where slower progress is intended; speed is judged before them. */
export const ACTIVE_LR_FRACTION = 0.3;

/** Plateaued: the tail is not falling significantly and its fitted change is below this fraction of its level (positive evidence of flatness, not just noise hiding a trend) … */
export const PLATEAU_FLAT_CHANGE = 0.05;
/** … the final level is at least this fraction of the starting level … */
export const PLATEAU_LEVEL = 0.25;
/** … and the smoothed loss came within this fraction of the start-to-end drop of its final level … */
export const PLATEAU_GAP = 0.1;
/** … no later than this fraction of the run (so the flat part is long). */
export const PLATEAU_MAX_ONSET = 0.6;
/** Validation plateau: this many epochs after the best validation loss without improving on it … */
export const VAL_PATIENCE = 3;
/** … by more than this relative amount … */
export const VAL_MIN_IMPROVEMENT = 0.01;
/** … while η stayed within this relative band. */
export const CONSTANT_LR_TOLERANCE = 0.01;

/** A gradient norm that grew or shrank by this factor between start and end is worth reporting. */
export const GRAD_NORM_CHANGE = 10;
