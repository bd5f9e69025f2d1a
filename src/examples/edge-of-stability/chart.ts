/**
 * The example's chart, the qualitative form of Cohen et al. 2021's Figure 1: for each η, the
 * sharpness λ_max at every probe (solid) and its stability threshold 2/η (dashed, same colour), on
 * a log y axis, so each curve can be seen to reach its own line and hover there.
 * `writeEdgeOfStabilityChart` renders it to an SVG file.
 */
import { writeFile } from "node:fs/promises";
import { renderSvg, type ChartSpec } from "../../report/index.js";
import type { EdgeOfStabilityResult } from "./run.js";

export function edgeOfStabilityChart({ images, runs }: EdgeOfStabilityResult): ChartSpec {
  const names = runs.map((run) => `η = ${run.eta}`);
  const probes = runs.flatMap((run, i) => run.steps.map((step, k) => ({ run: names[i]!, step, sharpness: run.sharpness[k]! })));
  const thresholds = runs.map((run, i) => ({ run: names[i]!, threshold: run.threshold, label: `2/η = ${run.threshold.toPrecision(3)}` }));
  const values = [...probes.map((p) => p.sharpness), ...thresholds.map((t) => t.threshold)].filter((v) => v > 0);
  const y = { type: "quantitative" as const, scale: { type: "log" as const, domain: [Math.min(...values) / 1.2, Math.max(...values) * 1.2] }, axis: { title: "λ_max (log scale)" } };
  const color = { field: "run", type: "nominal" as const, scale: { domain: names }, legend: { title: "full-batch GD", symbolType: "stroke" } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Edge of stability: sharpness λ_max settles at 2/η (${images} MNIST images, tanh MLP, MSE)`,
    width: 640,
    height: 360,
    background: "white",
    layer: [
      {
        data: { values: probes.filter((p) => p.sharpness > 0) },
        mark: { type: "line", strokeWidth: 2, point: { size: 16 } },
        encoding: { x: { field: "step", type: "quantitative", axis: { title: "step", tickMinStep: 1 } }, y: { ...y, field: "sharpness" }, color },
      },
      {
        data: { values: thresholds },
        mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { ...y, field: "threshold" }, color },
      },
      {
        data: { values: thresholds },
        mark: { type: "text", align: "right", baseline: "bottom", dy: -3 },
        encoding: { x: { value: 636 }, y: { ...y, field: "threshold" }, text: { field: "label", type: "nominal" }, color },
      },
    ],
  };
}

export async function writeEdgeOfStabilityChart(result: EdgeOfStabilityResult, path: string): Promise<void> {
  await writeFile(path, await renderSvg(edgeOfStabilityChart(result)));
}
