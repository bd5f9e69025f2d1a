/**
 * Verdicts of sibling runs made consistent with each other (the runs of one study or comparison,
 * same data and budget): each run is diagnosed alone, so a run can be told to raise η to a value
 * a sibling already showed diverging or oscillating. Here, a suggestion that raises η to `s` is
 * checked against the siblings that diverged or oscillated at a peak η `b` with b ≤ s:
 *
 * - a run that was still falling steadily (`stepsNeeded` known) was too short to tell, not slow:
 *   its verdict becomes "inconclusive", with the steps it would need;
 * - any other run is told to raise η only to √(η·b), the geometric middle between its own η and
 *   the lowest bad sibling's, and why.
 *
 * Suggestions that lower η, and runs with no such sibling, are left as they are.
 */
import { formatLr, roundLr } from "./format-numbers.js";
import type { LrDiagnosis } from "./types.js";

export interface SiblingRun {
  name: string;
  diagnosis: LrDiagnosis;
}

const unstable = new Set(["diverged", "oscillating"]);

export function reconcileDiagnoses(runs: readonly SiblingRun[]): LrDiagnosis[] {
  return runs.map((run) => {
    const d = run.diagnosis;
    const own = d.details.lrPeak;
    const target = d.details.suggestedLr;
    if (target === undefined || !(target > own)) return d;
    const bad = runs
      .filter((other) => other !== run && unstable.has(other.diagnosis.verdict) && other.diagnosis.details.lrPeak <= target && other.diagnosis.details.lrPeak > own)
      .sort((a, b) => a.diagnosis.details.lrPeak - b.diagnosis.details.lrPeak)[0];
    if (!bad) return d;
    const badLr = bad.diagnosis.details.lrPeak;
    const sibling = `${bad.name} ${bad.diagnosis.verdict} at η ${formatLr(badLr)}, at or below the ${formatLr(target)} a raise would reach`;
    if (d.details.stepsNeeded !== undefined) {
      return {
        verdict: "inconclusive",
        evidence: [...d.evidence, sibling],
        suggestion: `inconclusive: too few steps (${d.details.steps}); the loss was still falling steadily, so run about ${d.details.stepsNeeded} steps before changing η (more η is not the fix: ${bad.name} ${bad.diagnosis.verdict} at ${formatLr(badLr)})`,
        details: { ...d.details, suggestedLr: undefined },
      };
    }
    const middle = Number(roundLr(Math.sqrt(own * badLr)));
    return {
      ...d,
      evidence: [...d.evidence, sibling],
      suggestion: `raise η only to about ${middle} (from ${formatLr(own)}; ${bad.name} ${bad.diagnosis.verdict} at ${formatLr(badLr)})`,
      details: { ...d.details, suggestedLr: middle },
    };
  });
}
