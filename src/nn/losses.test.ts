import { describe, expect, it } from "vitest";
import { jax } from "../engine/index.js";
import { bceWithLogitsLoss, createLoss, crossEntropyLoss, mseLoss } from "./index.js";

const np = jax.numpy;

describe("losses", () => {
  it("refuse [B, 1] against [B] instead of broadcasting to [B, B]", () => {
    expect(() => mseLoss(np.zeros([4, 1]), np.zeros([4]))).toThrow(/MSELoss: prediction \[4, 1\] and target \[4\] must have the same shape/);
    expect(() => bceWithLogitsLoss(np.zeros([4, 1]), np.zeros([4]))).toThrow(/BCEWithLogitsLoss/);
  });

  it("cross-entropy wants logits [B, C] and labels [B]", () => {
    expect(() => crossEntropyLoss(np.zeros([4, 3]), np.zeros([5], { dtype: np.int32 }))).toThrow(
      /expected logits \[batch, classes\] and integer labels \[batch\]; got logits \[4, 3\] and labels \[5\]/,
    );
  });

  it("cross-entropy of uniform logits is log C, with or without smoothing", async () => {
    const labels = np.array([0, 2, 1], { dtype: np.int32 });
    expect(await crossEntropyLoss(np.zeros([3, 5]), labels.ref).jsAsync()).toBeCloseTo(Math.log(5), 6);
    expect(await crossEntropyLoss(np.zeros([3, 5]), labels, { labelSmoothing: 0.3 }).jsAsync()).toBeCloseTo(Math.log(5), 6);
  });

  it("are built from specs with PyTorch's names; unknown types and keys are ConfigErrors", () => {
    expect(() => createLoss({ type: "CrossEntropyLos" })).toThrow(/loss.type.*did you mean "CrossEntropyLoss"/);
    expect(() => createLoss({ type: "HuberLoss", delta: 0 })).toThrow(/loss.delta/);
    expect(() => createLoss({ type: "CrossEntropyLoss", smoothing: 0.1 })).toThrow(/unknown key "smoothing"/);
  });
});
