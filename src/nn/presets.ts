/**
 * Named model presets, built from a spec validated with zod:
 *
 * - `{ preset: "linear" }` and `{ preset: "logistic" }`: Flatten → Linear(features, outputs). The
 *   same network; "logistic" says the outputs are logits (the loss applies sigmoid or softmax).
 * - `{ preset: "mlp", hidden?: [256, …], activation?: "relu" | "tanh" | "gelu", dropout?: p }`:
 *   Flatten → (Linear → activation [→ Dropout(p)]) per hidden width → Linear(outputs); by default
 *   one hidden layer of 256 ReLUs and no dropout.
 * - `{ preset: "cnn" }`, the seed's small CNN: Conv2d(C, 32, 3) → ReLU → MaxPool2d(2) →
 *   Conv2d(32, 64, 3) → ReLU → MaxPool2d(2) → Flatten → Linear(64·h·w, outputs). For 1×28×28:
 *   26 → 13 → 11 → 5, 1600 features, 34,826 parameters for 10 outputs; 3×32×32 gives 2304 features.
 * - `{ preset: "lenet5" }`: Conv2d(C, 6, 5, padding=2) → Tanh → AvgPool2d(2) → Conv2d(6, 16, 5) →
 *   Tanh → AvgPool2d(2) → Flatten → Linear(120) → Tanh → Linear(84) → Tanh → Linear(outputs),
 *   LeCun et al. (1998)'s layout with tanh and average pooling; the padding keeps 28×28 inputs at
 *   LeNet's 16·5·5 = 400 features.
 *
 * Parameter names are those of the equivalent `nn.Sequential` in PyTorch ("1.weight", "3.bias").
 */
import { z } from "zod";
import { parseSpec } from "../spec/index.js";
import { gelu, relu, tanh } from "./activations.js";
import { conv2d } from "./conv2d.js";
import { dropout } from "./dropout.js";
import { flatten } from "./flatten.js";
import type { Layer, Shape } from "./layer.js";
import { linear } from "./linear.js";
import { createModelFromLayer, type Model } from "./model.js";
import { avgPool2d, maxPool2d } from "./pool.js";
import { sequential } from "./sequential.js";
import { shapeError, sizeOf } from "./shape.js";

const activations = { relu, tanh, gelu: () => gelu() } as const;

const presetSchemas = {
  linear: z.strictObject({ preset: z.literal("linear") }),
  logistic: z.strictObject({ preset: z.literal("logistic") }),
  mlp: z.strictObject({
    preset: z.literal("mlp"),
    hidden: z.array(z.int().positive()).min(1).default([256]),
    activation: z.enum(["relu", "tanh", "gelu"]).default("relu"),
    dropout: z.number().min(0).lt(1).optional(),
  }),
  cnn: z.strictObject({ preset: z.literal("cnn") }),
  lenet5: z.strictObject({ preset: z.literal("lenet5") }),
};

type PresetName = keyof typeof presetSchemas;
const presetNames = Object.keys(presetSchemas) as [PresetName, ...PresetName[]];

export const modelSpecSchema = z.discriminatedUnion("preset", Object.values(presetSchemas) as [(typeof presetSchemas)[PresetName], ...(typeof presetSchemas)[PresetName][]]);

export type ModelSpec = z.output<typeof modelSpecSchema>;

/**
 * Builds the preset named by `spec` for examples of `inputShape` (no batch dimension; [C, H, W]
 * for images, [features] for tables) and `numOutputs` outputs. Throws a ConfigError for an unknown
 * preset or key, or when the input shape does not fit the network (naming the shapes).
 */
export function createModel(spec: unknown, inputShape: Shape, numOutputs: number, where = "model"): Model {
  return createModelFromLayer(presetLayers(parseModelSpec(spec, where), inputShape, numOutputs), inputShape);
}

/** A model spec checked and completed with the preset's defaults; a bad preset or key is a ConfigError under `where`. */
export function parseModelSpec(spec: unknown, where = "model"): ModelSpec {
  const { preset } = parseSpec(z.looseObject({ preset: z.enum(presetNames) }), spec, where);
  return parseSpec(presetSchemas[preset], spec, where);
}

function presetLayers(spec: ModelSpec, inputShape: Shape, outputs: number): Layer {
  const features = sizeOf(inputShape);
  switch (spec.preset) {
    case "linear":
    case "logistic":
      return sequential(flatten(), linear(features, outputs));
    case "mlp": {
      const layers: Layer[] = [flatten()];
      let width = features;
      for (const h of spec.hidden) {
        layers.push(linear(width, h), activations[spec.activation]());
        if (spec.dropout) layers.push(dropout(spec.dropout));
        width = h;
      }
      return sequential(...layers, linear(width, outputs));
    }
    case "cnn": {
      const channels = imageChannels("cnn", inputShape);
      const body = [conv2d(channels, 32, 3), relu(), maxPool2d(2), conv2d(32, 64, 3), relu(), maxPool2d(2), flatten()];
      return sequential(...body, linear(sequential(...body).outputShape(inputShape)[0]!, outputs));
    }
    case "lenet5": {
      const channels = imageChannels("lenet5", inputShape);
      const body = [conv2d(channels, 6, 5, { padding: 2 }), tanh(), avgPool2d(2), conv2d(6, 16, 5), tanh(), avgPool2d(2), flatten()];
      const flat = sequential(...body).outputShape(inputShape)[0]!;
      return sequential(...body, linear(flat, 120), tanh(), linear(120, 84), tanh(), linear(84, outputs));
    }
  }
}

function imageChannels(preset: string, inputShape: Shape): number {
  if (inputShape.length !== 3) throw shapeError(`model preset "${preset}"`, inputShape, "an image shape [C, H, W]");
  return inputShape[0]!;
}
