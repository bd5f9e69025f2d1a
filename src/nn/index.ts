/**
 * Layers, models, losses and metrics: functional and jax style. A layer is a pair of pure
 * functions, `init` (PyTorch's default initialisation from a seed) and `apply` (the forward pass,
 * traceable in `jit` and `grad`), over flat parameter records named as PyTorch's state_dict.
 * See layer.ts for the contract and ownership rules.
 */
export type { ApplyContext, InitContext, Layer, LayerInit, LayerOutput, Shape } from "./layer.js";
export { initContext, uniformParam, constantParam, fanInBound, type InitOptions } from "./init.js";
export { linear, type LinearOptions } from "./linear.js";
export { conv2d, type Conv2dOptions } from "./conv2d.js";
export type { Pair } from "./args.js";
export { maxPool2d, avgPool2d, type Pool2dOptions } from "./pool.js";
export { batchNorm1d, batchNorm2d, type BatchNormOptions } from "./batchnorm.js";
export { layerNorm, type LayerNormOptions } from "./layernorm.js";
export { dropout } from "./dropout.js";
export { flatten } from "./flatten.js";
export { relu, leakyRelu, gelu, tanh, sigmoid, type GeluApproximation } from "./activations.js";
export { sequential } from "./sequential.js";
export { createModelFromLayer, countParameters, type Model } from "./model.js";
export { createModel, parseModelSpec, modelSpecSchema, type ModelSpec } from "./presets.js";
export { mseLoss, huberLoss, bceWithLogitsLoss, crossEntropyLoss, type BceOptions, type CrossEntropyOptions } from "./losses.js";
export { createLoss, lossSpecSchema, type Loss, type LossSpec } from "./loss-spec.js";
export { accuracy, precision, recall, f1, predictClasses, thresholdClasses, type AverageOptions } from "./metrics/classification.js";
export { rocAuc, averagePrecision } from "./metrics/ranking.js";
export { mae, rmse, r2 } from "./metrics/regression.js";
