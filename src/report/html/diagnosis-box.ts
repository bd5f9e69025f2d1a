/**
 * The learning-rate diagnosis of a train run (`diagnoseLr`, from the logged η, loss, gradient
 * norm, epochs, sharpness probes and the trainer's stop reason) and the box that shows it: the verdict, the
 * evidence behind it and the η to try next.
 */
import type { EpochRow, SharpnessRow, StepRow } from "../../log/index.js";
import { ConfigError } from "../../errors.js";
import { diagnoseLr, type LrDiagnosis } from "../diagnosis/index.js";
import { html, type Html } from "./html.js";
import { stopReason } from "./stop-reason.js";

/**
 * The diagnosis, or why there is none: no logged steps, or logs it cannot read (a non-finite η).
 * The gradient norm is used only when every step logged one.
 */
export function diagnose(steps: readonly StepRow[], epochs: readonly EpochRow[], summary: unknown, sharpness?: readonly SharpnessRow[]): LrDiagnosis | string {
  if (steps.length === 0) return "no steps were logged, so there is nothing to diagnose";
  const gradNorm = steps.every((s) => s.gradNorm !== undefined) ? steps.map((s) => s.gradNorm!) : undefined;
  try {
    return diagnoseLr({
      steps: steps.map((s) => s.step),
      loss: steps.map((s) => s.loss),
      lr: steps.map((s) => s.lr),
      ...(gradNorm === undefined ? {} : { gradNorm }),
      epochs,
      ...(stopReason(summary) === undefined ? {} : { stopped: stopReason(summary) }),
      ...(sharpness === undefined ? {} : { sharpness }),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return `the logs could not be diagnosed: ${error.message}`;
  }
}

export function diagnosisBox(diagnosis: LrDiagnosis | string): Html {
  if (typeof diagnosis === "string") return html`<div class="box"><p class="note">${diagnosis}</p></div>`;
  return html`<div class="box ${diagnosis.verdict}">
<p><strong>learning rate verdict:</strong> <span class="badge ${diagnosis.verdict}">${diagnosis.verdict.replace("_", " ")}</span></p>
<ul>${diagnosis.evidence.map((e) => html`<li>${e}</li>`)}</ul>
<p><strong>suggestion:</strong> ${diagnosis.suggestion}</p>
</div>`;
}
