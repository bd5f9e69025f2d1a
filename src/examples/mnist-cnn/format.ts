/** `formatMnistCnn`: the seed CNN's budget, test accuracy, loss at both ends and time. */
import type { MnistCnnResult } from "./run.js";

export function formatMnistCnn(result: MnistCnnResult): string {
  const n = (v: number) => v.toLocaleString("en-US");
  return [
    "The seed's CNN on MNIST: Conv2d(1, 32, 3) → ReLU → MaxPool2d(2) → Conv2d(32, 64, 3) → ReLU → MaxPool2d(2) → Linear(1600, 10), 34,826 parameters",
    `Adam η = 1e-3, batch 64, one epoch: ${result.steps} steps over ${n(result.trainImages)} training images, seed ${result.seed}`,
    `training loss: ${result.firstLoss.toFixed(4)} over the first 50 steps, ${result.lastLoss.toFixed(4)} over the last 50`,
    `test accuracy: ${result.testAccuracy.toFixed(4)} on ${n(result.testImages)} test images (test loss ${result.testLoss.toFixed(4)})`,
    `time: ${result.trainSeconds.toFixed(1)} s training (${((1000 * result.trainSeconds) / result.steps).toFixed(0)} ms per step), ${result.seconds.toFixed(1)} s with evaluation`,
  ].join("\n");
}
