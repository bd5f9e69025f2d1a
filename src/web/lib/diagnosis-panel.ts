/**
 * The learning-rate diagnosis of a run (`diagnoseLr` from the report module): its verdict, the
 * evidence with numbers (the step where η·λ_max reached 2, for a run that probed its sharpness), and the η to try next, recomputed as a live run logs more steps.
 */
import { diagnoseLr, type LrDiagnosisInput } from "../../report/index.js";
import type { EpochRow, SharpnessRow, StepColumns } from "./api.js";
import { h } from "./dom.js";

export interface DiagnosisPanel {
  element: HTMLElement;
  update(steps: StepColumns, epochs: readonly EpochRow[], stopped: LrDiagnosisInput["stopped"], sharpness?: readonly SharpnessRow[]): void;
}

export function diagnosisPanel(): DiagnosisPanel {
  const verdict = h("span", { class: "verdict" }, "…");
  const evidence = h("ul", { class: "evidence" });
  const suggestion = h("p", { class: "suggestion" });
  const element = h("section", { class: "panel diagnosis", id: "diagnosis" }, h("h2", null, "Learning-rate diagnosis ", verdict), evidence, suggestion);
  return {
    element,
    update(steps, epochs, stopped, sharpness) {
      if (steps.step.length === 0) {
        verdict.textContent = "waiting for steps";
        return;
      }
      // A gradient norm that was never logged arrives as NaN next to a finite loss: leave the column out.
      const gradNormLogged = steps.gradNorm.every((g, i) => !Number.isNaN(g) || !Number.isFinite(steps.loss[i]!));
      const d = diagnoseLr({
        steps: steps.step,
        loss: steps.loss,
        lr: steps.lr,
        ...(gradNormLogged ? { gradNorm: steps.gradNorm } : {}),
        epochs: epochs.map((e) => ({ epoch: e.epoch, step: e.step, trainLoss: e.trainLoss, val: e.val })),
        ...(stopped ? { stopped } : {}),
        ...(sharpness && sharpness.length > 0 ? { sharpness } : {}),
      });
      verdict.textContent = d.verdict.replace("_", " ");
      verdict.className = `verdict verdict-${d.verdict}`;
      element.dataset.verdict = d.verdict;
      evidence.replaceChildren(...d.evidence.map((e) => h("li", null, e)));
      suggestion.replaceChildren(h("strong", null, "Try: "), d.suggestion);
    },
  };
}
