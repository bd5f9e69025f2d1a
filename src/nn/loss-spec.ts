/**
 * Losses from specs with PyTorch's class and argument names, e.g. `{ type: "CrossEntropyLoss",
 * label_smoothing: 0.1 }` or `{ type: "BCEWithLogitsLoss", pos_weight: [3] }`.
 */
import { z } from "zod";
import type { JaxArray } from "../engine/index.js";
import { parseSpec } from "../spec/index.js";
import { bceWithLogitsLoss, crossEntropyLoss, huberLoss, mseLoss } from "./losses.js";

export const lossSpecSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("MSELoss") }),
  z.strictObject({ type: z.literal("HuberLoss"), delta: z.number().positive().optional() }),
  z.strictObject({ type: z.literal("BCEWithLogitsLoss"), pos_weight: z.union([z.number().positive(), z.array(z.number().positive()).min(1)]).optional() }),
  z.strictObject({ type: z.literal("CrossEntropyLoss"), label_smoothing: z.number().min(0).max(1).optional() }),
]);

export type LossSpec = z.output<typeof lossSpecSchema>;

/** A loss (output, target) → mean loss, consuming both, as the trainer takes it. */
export type Loss = (output: JaxArray, target: JaxArray) => JaxArray;

export function createLoss(spec: unknown): Loss {
  const parsed = parseSpec(lossSpecSchema, spec, "loss");
  switch (parsed.type) {
    case "MSELoss":
      return mseLoss;
    case "HuberLoss":
      return (output, target) => huberLoss(output, target, parsed.delta);
    case "BCEWithLogitsLoss":
      return (output, target) => bceWithLogitsLoss(output, target, { posWeight: parsed.pos_weight });
    case "CrossEntropyLoss":
      return (output, target) => crossEntropyLoss(output, target, { labelSmoothing: parsed.label_smoothing });
  }
}
