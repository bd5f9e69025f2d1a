/**
 * The sharpness chart of a run that probed it: λ_max(∇²J) at each probed step and the stability
 * threshold of that step's η (2/η for SGD), on one log axis. Where the λ_max curve meets the
 * threshold, η·λ_max = 2: gradient descent is at its edge of stability (Cohen et al. 2021), and the
 * loss oscillates along the sharpest direction. A run that probed the preconditioned sharpness
 * (Adam, AdamW, RMSprop) adds λ_max(P⁻¹H) and its threshold on the same axis: Adam's
 * (2 + 2β₁)/(η(1 − β₁)) (Cohen et al. 2022), or 2/η for RMSprop (`adamThreshold` tells them apart).
 */
import { adamThreshold, type SharpnessRow } from "../../log/index.js";
import { figure } from "./figure.js";
import { html, type Html } from "./html.js";
import { lineChart } from "./line-chart.js";

export const SHARPNESS_TITLE = "Sharpness λ_max and the stability threshold 2/η";

/** The figure, or nothing for a run without sharpness rows. */
export async function sharpnessFigure(rows: readonly SharpnessRow[] | undefined): Promise<Html> {
  if (rows === undefined || rows.length === 0) return html``;
  const x = rows.map((r) => r.step);
  const series = [
    { name: "sharpness λ_max", x, y: rows.map((r) => r.sharpness) },
    { name: "threshold 2/η", x, y: rows.map((r) => r.threshold) },
    ...preconditionedSeries(rows, x),
  ];
  return figure(
    "sharpness",
    lineChart({ series, xTitle: "step", yTitle: "λ_max, threshold", legendTitle: "curve", logY: true, title: SHARPNESS_TITLE }),
    "largest eigenvalue of the training loss's Hessian on the probe's fixed batch (power iteration), and the η of that step's stability threshold; where they meet, η·λ_max = 2",
  );
}

function preconditionedSeries(rows: readonly SharpnessRow[], x: number[]) {
  if (!rows.some((r) => r.preconditioned !== undefined)) return [];
  return [
    { name: "preconditioned λ_max(P⁻¹H)", x, y: rows.map((r) => r.preconditioned ?? NaN) },
    { name: adamThreshold(rows) ? "Adam threshold (2+2β₁)/(η(1−β₁))" : "threshold of P⁻¹H, 2/η", x, y: rows.map((r) => r.preconditionedThreshold ?? NaN) },
  ];
}
