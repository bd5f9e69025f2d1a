/**
 * The loss-against-step chart of an lr-compare run: one line per η (`lossChart`: the raw loss
 * faint, its debiased EMA bold), a log loss axis so the small and the diverging losses both show,
 * and a marker where a run stopped early. `writeLrCompareChart` renders it to an SVG file.
 */
import { writeFile } from "node:fs/promises";
import { lossChart, renderSvg, type ChartSpec } from "../../report/index.js";
import type { LrCompareResult } from "./run.js";

export function lrCompareChart(result: LrCompareResult): ChartSpec {
  return lossChart({
    title: `Seed CNN on MNIST: SGD at ${result.runs.length} learning rates, ${result.steps} steps of batch ${result.batchSize}`,
    series: result.runs.map((run) => ({ name: `η = ${run.lr}`, steps: run.loss.map((_, i) => i + 1), loss: run.loss })),
    logY: true,
    markers: result.runs.filter((run) => run.stopped !== null).map((run) => ({ step: run.steps, label: `η = ${run.lr} stopped` })),
  });
}

export async function writeLrCompareChart(result: LrCompareResult, path: string): Promise<void> {
  await writeFile(path, await renderSvg(lrCompareChart(result)));
}
