import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { recordTraining } from "./record-training.js";
import { trainSummary } from "./summaries.js";
import { loadDataset } from "../data/node/index.js";
import { ConfigError } from "../errors.js";
import { parseRunSpec } from "./spec.js";
import { runTraining } from "./train.js";

const iris = await loadDataset({ name: "iris" });
const base = { data: { name: "iris" }, model: { preset: "mlp", hidden: [8] }, optimizer: { type: "SGD", lr: 0.05 }, epochs: 2, batch_size: 16, seed: 0 };

describe("sharpness in a run config", () => {
  it("defaults iters to 20 and rejects an every that is not a positive integer or iters below 1", () => {
    expect(parseRunSpec({ ...base, sharpness: { every: 5 } }).sharpness).toEqual({ every: 5, iters: 20, preconditioned: false });
    for (const sharpness of [{ every: 0 }, { every: 2.5 }, { every: 5, iters: 0 }, { every: 5, extra: 1 }]) {
      expect(() => parseRunSpec({ ...base, sharpness }, "run.yaml")).toThrow(ConfigError);
    }
    expect(() => parseRunSpec({ ...base, sharpness: { every: 0 } }, "run.yaml")).toThrow(/run\.yaml.*sharpness\.every/);
  });

  it("logs finite positive sharpness and 2/η every 5 steps of a short training", async () => {
    const run = await runTraining({ ...base, sharpness: { every: 5, iters: 10 } }, { data: iris });
    const steps = run.sharpness!.map((r) => r.step);
    expect(steps).toEqual(Array.from({ length: Math.ceil(run.steps / 5) }, (_, i) => 5 * i));
    for (const row of run.sharpness!) {
      expect(Number.isFinite(row.sharpness) && row.sharpness > 0).toBe(true);
      expect(row.threshold).toBeCloseTo(2 / 0.05, 10);
    }
  });

  it("preconditioned: true is for Adam, AdamW and RMSprop; on another optimizer it is an error naming the key", () => {
    const adam = { ...base, optimizer: { type: "AdamW", lr: 0.01 } };
    expect(parseRunSpec({ ...adam, sharpness: { every: 5, preconditioned: true } }).sharpness).toEqual({ every: 5, iters: 20, preconditioned: true });
    expect(() => parseRunSpec({ ...base, sharpness: { every: 5, preconditioned: true } }, "run.yaml")).toThrow(
      /^run\.yaml\.sharpness\.preconditioned: .*\(Adam, AdamW, RMSprop\); optimizer\.type is SGD/,
    );
  });

  it("with preconditioned: true on Adam, logs λ_max(P⁻¹H) beside λ_max, against (2 + 2β₁)/(η(1 − β₁)) = 38/η", async () => {
    const run = await runTraining({ ...base, optimizer: { type: "Adam", lr: 0.01 }, epochs: 1, sharpness: { every: 3, iters: 10, preconditioned: true } }, { data: iris });
    expect(run.sharpness!.length).toBeGreaterThan(1);
    for (const row of run.sharpness!) {
      expect(row.threshold).toBeCloseTo(2 / 0.01, 8);
      expect(row.preconditionedThreshold).toBeCloseTo(38 / 0.01, 6);
      // P = √v̂ + ε with gradients well below 1: P⁻¹ stretches the Hessian, so λ_max(P⁻¹H) > λ_max(H).
      expect(row.preconditioned!).toBeGreaterThan(row.sharpness);
      expect(Number.isFinite(row.preconditioned)).toBe(true);
    }
    const plain = await runTraining({ ...base, optimizer: { type: "Adam", lr: 0.01 }, epochs: 1, sharpness: { every: 3, iters: 10 } }, { data: iris });
    expect(plain.sharpness!.map((r) => r.sharpness)).toEqual(run.sharpness!.map((r) => r.sharpness));
    expect(plain.sharpness![0]).not.toHaveProperty("preconditioned");
  });

  it("writes the rows to the run store as they are probed, and the summary carries them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lrkit-sharpness-"));
    const store = openStore(join(dir, "runs.db"));
    try {
      let storedWhileRunning = 0;
      const watch = { afterEpoch: () => void (storedWhileRunning = store.getSharpness(store.listRuns()[0]!.id).length) };
      const recorded = await recordTraining({ ...base, epochs: 1, sharpness: { every: 4, iters: 5 } }, { data: iris, store, name: "sharpness", callbacks: [watch] });
      expect(storedWhileRunning).toBe(recorded.run.sharpness!.length);
      expect(store.getSharpness(recorded.runId!)).toEqual(recorded.run.sharpness);
      expect(recorded.summary.sharpness).toEqual(recorded.run.sharpness);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the train summary's diagnosis of an oscillating run names the step where η·λ_max reached 2", async () => {
    const run = await runTraining({ ...base, epochs: 1 }, { data: iris });
    let state = 3;
    const uniform = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return (state + 0.5) / 2 ** 32;
    };
    const step = Array.from({ length: 400 }, (_, i) => i);
    const loss = step.map(() => 2.3 + 0.5 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
    const steps = { step, epoch: step.map(() => 0), lr: step.map(() => 0.5), loss, gradNorm: step.map(() => 1), elapsed: step.map(() => NaN) };
    const sharpness = [
      { step: 0, sharpness: 1, threshold: 4 },
      { step: 100, sharpness: 4.5, threshold: 4 },
    ];
    const { diagnosis } = trainSummary({ ...run, history: { ...run.history, steps, epochs: [] }, sharpness }, undefined);
    expect(diagnosis.verdict).toBe("oscillating");
    expect(diagnosis.evidence).toContain("η·λ_max reached 2 at step 100: the loss oscillates along the sharpest direction");
  });
});
