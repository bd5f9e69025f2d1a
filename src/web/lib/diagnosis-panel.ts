/**
 * The learning-rate diagnosis of a run (`diagnoseLr` from the report module): its verdict, the
 * evidence with numbers (the step where η·λ_max reached 2, for a run that probed its sharpness), and the η to try next, recomputed as a live run logs more steps.
 * While a live run's η is still in warm-up (`stillWarmingUp`) the panel gives no verdict, only where
 * η has got to: the loss has not yet met the η the run will train at.
 */
import { diagnoseLr, type LrDiagnosisInput } from "../../report/index.js";
import type { EpochRow, SharpnessRow, StepColumns } from "./api.js";
import { h } from "./dom.js";
import { formatNumber } from "./format.js";
import { stillWarmingUp } from "./warmup.js";

export interface DiagnosisPanel {
  element: HTMLElement;
  update(steps: StepColumns, epochs: readonly EpochRow[], stopped: LrDiagnosisInput["stopped"], sharpness?: readonly SharpnessRow[], live?: boolean): void;
}

export function diagnosisPanel(): DiagnosisPanel {
  const verdict = h("span", { class: "verdict" }, "…");
  const evidence = h("ul", { class: "evidence" });
  const suggestion = h("p", { class: "suggestion" });
  const element = h("section", { class: "panel diagnosis", id: "diagnosis" }, h("h2", null, "Learning-rate diagnosis ", verdict), evidence, suggestion);
  return {
    element,
    update(steps, epochs, stopped, sharpness, live = false) {
      if (steps.step.length === 0) {
        verdict.textContent = "waiting for steps";
        return;
      }
      if (live && stillWarmingUp(steps.lr)) {
        verdict.textContent = "warming up";
        verdict.className = "verdict verdict-warmup";
        element.dataset.verdict = "warmup";
        const lrs = steps.lr.filter((x) => Number.isFinite(x));
        evidence.replaceChildren(h("li", null, `η is still rising: ${formatNumber(lrs.at(-1))} at step ${steps.step.at(-1)}, up from ${formatNumber(lrs[0])}`));
        suggestion.replaceChildren(h("strong", null, "Wait: "), "the verdict comes once η stops rising; until then the loss has not met the η this run will train at");
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
