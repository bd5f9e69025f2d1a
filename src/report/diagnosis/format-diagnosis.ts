/**
 * A diagnosis as a few lines for the terminal:
 *
 *     lr diagnosis: too_slow
 *       - the loss was still falling steadily: …
 *       - …
 *     suggestion: raise lr about 3× (from 0.001 to about 3e-3)
 */
import type { LrDiagnosis } from "./types.js";

export function formatDiagnosis(d: LrDiagnosis): string {
  return [`lr diagnosis: ${d.verdict}`, ...d.evidence.map((e) => `  - ${e}`), `suggestion: ${d.suggestion}`].join("\n");
}
