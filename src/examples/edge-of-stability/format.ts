/** The example's text report: per η, 2/η and the sharpness at the first, middle and last probe. */
import type { EdgeOfStabilityResult } from "./run.js";

export function formatEdgeOfStability({ images, runs }: EdgeOfStabilityResult): string {
  const lines = [`Full-batch GD, tanh MLP, MSE on one-hot targets, ${images} MNIST images: sharpness λ_max against 2/η`];
  for (const run of runs) {
    const at = (i: number) => `step ${run.steps[i]}: ${run.sharpness[i]!.toPrecision(4)}`;
    const middle = Math.floor(run.steps.length / 2);
    lines.push(`  η = ${run.eta}: 2/η = ${run.threshold.toPrecision(4)}; λ_max ${at(0)}, ${at(middle)}, ${at(run.steps.length - 1)}; loss ${run.loss[0]!.toFixed(4)} → ${run.loss.at(-1)!.toFixed(4)}`);
  }
  return lines.join("\n");
}
