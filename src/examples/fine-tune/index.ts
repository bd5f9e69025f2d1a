/**
 * The fine-tune example: the seed CNN pre-trained on MNIST, then fine-tuned on Fashion-MNIST from
 * scratch, at the from-scratch η, at a small η, with discriminative per-layer η and warmup, and as
 * a frozen feature extractor, with the relative weight change per layer of each.
 */
export { runFineTune, type FineTuneOptions, type FineTuneResult, type FineTuneRun, type FineTuneProgress } from "./run.js";
export { formatFineTune } from "./format.js";
export { strategies, convLayers, type Strategy, type StrategyName } from "./strategies.js";
export { relativeChange, identical, layerOf, toHost, type HostParams } from "./weight-change.js";
