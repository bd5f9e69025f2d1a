/** `formatLrCompare`: one row per η with the last-50-step loss, test accuracy, steps and how the run ended. */
import type { LrCompareResult, LrCompareRun } from "./run.js";

export function formatLrCompare(result: LrCompareResult): string {
  const header = [
    `The seed CNN on MNIST with SGD (no momentum) at each η: ${result.steps} steps of batch ${result.batchSize} (one pass over the first ${(result.steps * result.batchSize).toLocaleString("en-US")} training images), seed ${result.seed}`,
    `same initial weights and batch order for every η; test accuracy on ${result.testImages.toLocaleString("en-US")} test images`,
  ];
  const rows = [["η", "loss (last 50 steps)", "test accuracy", "steps", "time", "stopped"], ...result.runs.map(row)];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => r.map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd());
  return [...header, "", ...table, "", `total ${result.seconds.toFixed(0)} s`].join("\n");
}

function row(run: LrCompareRun): string[] {
  return [String(run.lr), Number.isFinite(run.finalLoss) ? run.finalLoss.toFixed(4) : String(run.finalLoss), run.testAccuracy.toFixed(4), String(run.steps), `${run.seconds.toFixed(0)} s`, run.stopped ?? "no"];
}
