/**
 * The ways of fine-tuning compared, as optimizer specs on the seed CNN's parameter names
 * (nn.Sequential indices: "0.*" conv1, "3.*" conv2, "7.*" the linear head):
 *
 * - scratch: no pre-training, random init, Adam 1e-3 — the reference the others must beat;
 * - full: every layer at the from-scratch η, Adam 1e-3;
 * - small: every layer at a small η, Adam 1e-4;
 * - discriminative: Adam with per-layer η through parameter groups — head 1e-3, conv2 1e-4 (10×
 *   smaller), conv1 1e-5 (100× smaller) — and PyTorch's LinearLR warmup, the factor rising from
 *   0.01 to 1 over the first `warmupFraction` of the steps (every group scaled alike);
 * - frozen: a feature extractor; conv1 and conv2 sit in a group with lr 0, so Adam's update
 *   −0·m̂/(√v̂ + ε) leaves them bit-identical (their gradients and moments are still computed, so
 *   a step costs as much as full fine-tuning), and only the head trains, at 1e-3.
 */
import type { OptimizerSpec } from "../../optim/index.js";

export type StrategyName = "scratch" | "full" | "small" | "discriminative" | "frozen";

export interface Strategy {
  name: StrategyName;
  label: string;
  /** Start from the pre-trained conv layers (with a fresh head), or from a random init. */
  pretrained: boolean;
  optimizer: OptimizerSpec;
  /** LinearLR warmup over this fraction of the fine-tuning steps. */
  warmupFraction?: number;
  /** Parameters that must not change. */
  frozen?: string[];
}

export const convLayers = ["0.*", "3.*"];

export const strategies: Strategy[] = [
  { name: "scratch", label: "from scratch, Adam 1e-3", pretrained: false, optimizer: { type: "Adam", lr: 1e-3 } },
  { name: "full", label: "all layers, Adam 1e-3", pretrained: true, optimizer: { type: "Adam", lr: 1e-3 } },
  { name: "small", label: "all layers, Adam 1e-4", pretrained: true, optimizer: { type: "Adam", lr: 1e-4 } },
  {
    name: "discriminative",
    label: "conv1 1e-5, conv2 1e-4, head 1e-3 + warmup",
    pretrained: true,
    optimizer: { type: "Adam", lr: 1e-3, param_groups: [{ params: ["0.*"], lr: 1e-5 }, { params: ["3.*"], lr: 1e-4 }] },
    warmupFraction: 0.2,
  },
  {
    name: "frozen",
    label: "frozen conv (lr 0), head Adam 1e-3",
    pretrained: true,
    optimizer: { type: "Adam", lr: 1e-3, param_groups: [{ params: convLayers, lr: 0 }] },
    frozen: ["0.weight", "0.bias", "3.weight", "3.bias"],
  },
];
