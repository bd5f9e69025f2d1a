/** The LR diagnosis on real MNIST runs at a too-high, a too-low and a good constant η. */
import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/node/index.js";
import { diagnoseLr } from "../src/report/index.js";
import { runTraining } from "../src/run/index.js";

const data = await loadDataset({ name: "mnist", limit: 6400 });

async function verdictAt(lr: number) {
  const run = await runTraining(
    { data: { name: "mnist" }, model: { preset: "mlp", hidden: [64] }, optimizer: { type: "SGD", lr }, epochs: 3, batch_size: 64, val_fraction: 0, seed: 0 },
    { data },
  );
  const { steps, epochs } = run.history;
  return diagnoseLr({ steps: steps.step, loss: steps.loss, lr: steps.lr, gradNorm: steps.gradNorm, epochs, stopped: run.stopped });
}

describe("diagnoseLr on real MNIST runs (MLP, SGD, 300 steps)", () => {
  it("calls η = 30 too high (diverged or oscillating) and suggests a lower η", async () => {
    const d = await verdictAt(30);
    expect(["diverged", "oscillating"]).toContain(d.verdict);
    expect(d.suggestion).toMatch(/lower|reduce/i);
  });

  it("calls η = 1e-4 too slow and suggests raising it", async () => {
    const d = await verdictAt(1e-4);
    expect(d.verdict).toBe("too_slow");
    expect(d.suggestion).toMatch(/raise/i);
  });

  it("calls η = 0.1 good", async () => {
    expect((await verdictAt(0.1)).verdict).toBe("good");
  });
});
