/**
 * Shape checks shared by the layers: a mismatch between what a layer expects and what it is given
 * (at `init`, or data of the wrong shape at `apply`) is a `ConfigError` that names both shapes.
 */
import { ConfigError } from "../errors.js";
import type { Shape } from "./layer.js";

export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

/** A ConfigError from layer `layer` about input shape `got`; `expected` says what would fit. */
export function shapeError(layer: string, got: Shape, expected: string): ConfigError {
  return new ConfigError(`${layer}: input shape ${formatShape(got)} does not fit; expected ${expected}`, "model", "inputShape", [...got]);
}

/** A ConfigError about a batch of shape `batchShape` given to `layer`; `expected` names the shape that would fit. */
export function batchError(layer: string, batchShape: Shape, expected: string): ConfigError {
  return new ConfigError(`${layer}: got a batch of shape ${formatShape(batchShape)}; expected ${expected}`, "model", "inputShape", [...batchShape]);
}

/** Checks a batch of shape [batch, ...example] against the example shape a model was built for. */
export function checkBatch(layer: string, batchShape: Shape, example: Shape): void {
  if (batchShape.length !== example.length + 1 || batchShape.slice(1).some((d, i) => d !== example[i])) {
    throw batchError(layer, batchShape, `[batch, ${example.join(", ")}] (examples of shape ${formatShape(example)})`);
  }
}

/** The number of elements of an example shape. */
export function sizeOf(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}
