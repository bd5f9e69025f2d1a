import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/node/index.js";
import { jax } from "../engine/index.js";
import { toTensorData } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { createScheduler } from "../schedules/index.js";
import { catchConfigError } from "../testing/config-error.js";
import type { Checkpoint } from "../train/index.js";
import { buildRun } from "./build.js";
import { parseRunSpec } from "./spec.js";
import { runTraining } from "./train.js";

const iris = await loadDataset({ name: "iris" });
const base = { data: { name: "iris" }, model: { preset: "mlp", hidden: [16] }, optimizer: { type: "Adam", lr: 0.01 }, epochs: 20, batch_size: 16, seed: 0 };

async function paramBytes(params: Record<string, jax.Array>): Promise<string> {
  const entries = await Promise.all(Object.entries(params).map(async ([k, v]) => [k, (await toTensorData(v)).data]));
  jax.tree.dispose(params);
  return JSON.stringify(entries);
}

describe("runTraining", () => {
  it("trains an MLP on iris to ≥ 93% test accuracy and reports what the CLI prints", async () => {
    const run = await runTraining(base, { data: iris });
    expect(run.metrics.test.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(run.metrics.val.accuracy).toBeGreaterThan(0.8);
    expect(run.epochs).toBe(20);
    expect(run.steps).toBe(run.history.steps.loss.length);
    expect(run.history.epochs).toHaveLength(20);
    expect(run.lr_final).toBe(0.01);
    expect(run.stopped).toBeUndefined();
  });

  it("is deterministic for a seed and differs for another", async () => {
    const a = await runTraining({ ...base, epochs: 3 }, { data: iris });
    const b = await runTraining({ ...base, epochs: 3 }, { data: iris });
    const c = await runTraining({ ...base, epochs: 3, seed: 1 }, { data: iris });
    expect(b.history.steps.loss).toEqual(a.history.steps.loss);
    expect(c.history.steps.loss).not.toEqual(a.history.steps.loss);
  });

  it("resumes bit-identically: 2 epochs ≡ 1 epoch, checkpoint, 1 more, and the resumed history holds the whole run", async () => {
    const config = { ...base, epochs: 2, optimizer: { type: "SGD", lr: 0.1, momentum: 0.9 }, scheduler: { type: "OneCycleLR", max_lr: 0.2 } };
    const straight = await runTraining(config, { data: iris, keepParams: true });
    const checkpoints: Checkpoint[] = [];
    const first = await runTraining({ ...config }, { data: iris, saveCheckpoint: (c) => void checkpoints.push(JSON.parse(JSON.stringify(c))) });
    expect(checkpoints.map((c) => c.epoch)).toEqual([1, 2]);
    expect(first.history.steps.loss).toEqual(straight.history.steps.loss);
    const resumed = await runTraining(config, { data: iris, resume: checkpoints[0], keepParams: true });
    const { elapsed, ...steps } = resumed.history.steps;
    const { elapsed: _, ...straightSteps } = straight.history.steps;
    expect(steps).toEqual(straightSteps);
    expect(elapsed.every((t, i) => t > 0 && (i === 0 || t >= elapsed[i - 1]!)), "wall time rises through the resume").toBe(true);
    expect(resumed.history.epochs.map(({ seconds: _, ...e }) => e)).toEqual(straight.history.epochs.map(({ seconds: _, ...e }) => e));
    expect(await paramBytes(resumed.params!)).toBe(await paramBytes(straight.params!));
    jax.tree.dispose([resumed.buffers!, straight.buffers!]);
  });

  it("steps the scheduler per batch with OneCycleLR's total_steps inferred from the run", async () => {
    const run = await runTraining({ ...base, epochs: 3, scheduler: { type: "OneCycleLR", max_lr: 0.05 } }, { data: iris });
    const reference = createScheduler({ type: "OneCycleLR", max_lr: 0.05, total_steps: run.steps }, 0.01);
    const expected = run.history.steps.lr.map((_, i) => {
      const lr = reference.lr;
      if (i < run.steps - 1) reference.step();
      return lr;
    });
    expect(run.history.steps.lr).toEqual(expected);
  });

  it("reduces η on a validation plateau, per epoch", async () => {
    const run = await runTraining(
      { ...base, epochs: 12, optimizer: { type: "SGD", lr: 0.5 }, scheduler: { type: "ReduceLROnPlateau", factor: 0.1, patience: 0, threshold: 0.5 } },
      { data: iris },
    );
    const perEpoch = run.history.epochs.map((e) => e.lr);
    expect(new Set(perEpoch).size).toBeGreaterThan(1);
    const lrs = run.history.steps.lr;
    expect(lrs.every((lr, i) => i === 0 || lr <= lrs[i - 1]!)).toBe(true);
  });

  it("stops a diverging run and says at which step and η", async () => {
    const run = await runTraining({ ...base, optimizer: { type: "SGD", lr: 1000 } }, { data: iris });
    expect(run.stopped?.kind === "diverged" || run.stopped?.kind === "non_finite").toBe(true);
    expect(run.stopped?.reason).toMatch(/at step \d+ with lr 1000/);
    expect(run.epochs).toBeLessThan(20);
  });

  it("stops early on a validation metric", async () => {
    const run = await runTraining({ ...base, epochs: 200, early_stopping: { monitor: "loss", patience: 2, min_delta: 0.01 } }, { data: iris });
    expect(run.stopped?.kind).toBe("early_stopping");
    expect(run.epochs).toBeLessThan(200);
  });

  it("refuses bad configs with errors that name the key", async () => {
    const error = async (config: unknown) => {
      try {
        await runTraining(config, { data: iris });
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected an error");
    };
    expect((await error({ ...base, batch_size: -4 })).message).toMatch(/config\.batch_size: .*got -4/);
    expect((await error({ ...base, model: { preset: "resnet" } })).message).toMatch(/unknown value "resnet"/);
    expect(await error({ ...base, model: { preset: "cnn" } })).toBeInstanceOf(ConfigError);
    expect((await error({ ...base, loss: "mse" })).message).toMatch(/MSELoss does not fit iris/);
    expect((await error({ ...base, optimizer: { type: "Adam", lr: -1 } })).message).toMatch(/optimizer\.lr/);
    expect((await error({ ...base, epoch: 3 })).message).toMatch(/unknown key "epoch" \(did you mean "epochs"\?\)/);
  });

  it("holds a OneCycleLR's given cycle to its own share of the run's real steps, however nested, before any training", () => {
    const build = (scheduler: unknown) => buildRun(parseRunSpec({ ...base, epochs: 4, scheduler }, "run.yaml"), iris, "run.yaml");
    const perEpoch = build(undefined).batches.batchesPerEpoch;
    const steps = 4 * perEpoch;
    const warmup = { type: "ConstantLR", factor: 0.5, total_iters: perEpoch };
    const sequential = (total_steps: number) => ({ type: "SequentialLR", schedulers: [warmup, { type: "OneCycleLR", max_lr: 0.05, total_steps }], milestones: [perEpoch] });
    const short = catchConfigError(() => build(sequential(steps - perEpoch - 1)));
    expect(short).toMatchObject({ where: "run.yaml.scheduler.schedulers[1]", key: "total_steps" });
    expect(short.message).toContain(
      `run.yaml.scheduler.schedulers[1].total_steps: OneCycleLR's cycle (total_steps ${steps - perEpoch - 1}) is shorter than the ${steps - perEpoch} steps this scheduler runs (steps ${perEpoch}–${steps - 1} of the ${steps} the run takes (4 epochs × ${perEpoch} batches))`,
    );
    expect(build(sequential(steps - perEpoch)).scheduler).toBeDefined();
    const chained = catchConfigError(() => build({ type: "ChainedScheduler", schedulers: [warmup, { type: "OneCycleLR", max_lr: 0.05, total_steps: steps - 1 }] }));
    expect(chained).toMatchObject({ where: "run.yaml.scheduler.schedulers[1]", key: "total_steps" });
    expect(chained.message).toContain(`is shorter than the ${steps} steps the run takes (4 epochs × ${perEpoch} batches)`);
  });

  it("accepts a scheduler whose phases fit the real run though not one step per epoch (OneCycleLR, pct_start · epochs = 1)", async () => {
    const run = await runTraining({ ...base, epochs: 4, scheduler: { type: "OneCycleLR", max_lr: 0.05, pct_start: 0.25 } }, { data: iris });
    expect(run.steps).toBe(run.history.steps.lr.length);
    expect(Math.max(...run.history.steps.lr)).toBeCloseTo(0.05, 6);
  });
});
