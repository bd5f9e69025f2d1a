/**
 * `formatFineTune`: the pre-training line, then one row per fine-tuning run with its Fashion-MNIST
 * test accuracy, last-50-step training loss, relative weight change per layer and time.
 */
import type { FineTuneResult, FineTuneRun } from "./run.js";

export function formatFineTune(result: FineTuneResult): string {
  const { pretrain } = result;
  const header = [
    `Pre-training: the seed CNN (${result.parameters.toLocaleString("en-US")} parameters) on MNIST, Adam 1e-3, batch ${result.batchSize}, one epoch over ${pretrain.images.toLocaleString("en-US")} images (${pretrain.steps} steps, ${pretrain.seconds.toFixed(0)} s): MNIST test accuracy ${pretrain.mnistTestAccuracy.toFixed(4)}`,
    `Fine-tuning on Fashion-MNIST: ${result.fineTuneSteps} steps of batch ${result.batchSize} (one pass over the first ${result.fineTuneImages.toLocaleString("en-US")} training images), seed ${result.seed};`,
    `every pre-trained run starts from the same weights: MNIST's conv layers and a fresh head (Linear(1600, 10)). Test accuracy on ${result.testImages.toLocaleString("en-US")} Fashion-MNIST test images.`,
    `ΔW = ‖W_after − W_before‖/‖W_before‖ per layer (weight and bias together; the head's from its fresh init).`,
  ];
  const rows = [["run", "test acc", "loss (last 50)", "ΔW conv1", "ΔW conv2", "ΔW head", "time"], ...result.runs.map(row)];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd());
  const frozen = result.runs.find((r) => r.frozenIdentical !== undefined);
  const notes = frozen ? [`frozen run: conv1 and conv2 bit-identical after fine-tuning: ${frozen.frozenIdentical ? "yes" : "NO"} (they sit in a parameter group with lr 0)`] : [];
  return [...header, "", ...table, "", ...notes, `total ${result.seconds.toFixed(0)} s`].join("\n");
}

function row(run: FineTuneRun): string[] {
  const change = (v: number) => (v === 0 ? "0" : v.toExponential(2));
  return [run.label, run.testAccuracy.toFixed(4), run.finalLoss.toFixed(4), change(run.change.conv1), change(run.change.conv2), change(run.change.head), `${run.seconds.toFixed(0)} s`];
}
