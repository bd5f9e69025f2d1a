import { describe, expect, it } from "vitest";
import { createDataset } from "../data/index.js";
import { jax } from "../engine/index.js";
import { createModel } from "../nn/index.js";
import { createEvaluator, metricNames } from "./evaluate.js";
import { createObjective } from "./objective.js";

const n = 120;
const x = Float32Array.from({ length: n * 6 }, (_, i) => Math.sin(i * 0.7));
const y = Int32Array.from({ length: n }, (_, i) => i % 3);
const data = createDataset({ name: "synthetic", task: "classification", n, x, y, sampleShape: [6], classes: ["a", "b", "c"] });
const objective = createObjective(data, "cross_entropy");
const model = createModel({ preset: "mlp", hidden: [12] }, [6], objective.outputs);

describe("createEvaluator", () => {
  it("gives the same outputs and loss on the pool, on the caller and under auto, batch after batch", async () => {
    const { params, buffers } = model.init({ seed: 1 });
    const results = [];
    for (const kernels of ["pool", "caller", "auto"] as const) {
      const evaluator = createEvaluator(model, objective, 16, kernels);
      for (let round = 0; round < 3; round++) results.push({ kernels, ...(await evaluator.outputs(params, buffers, data)) });
      evaluator.dispose();
    }
    for (const r of results) {
      expect(Array.from(r.outputs)).toEqual(Array.from(results[0]!.outputs));
      expect(r.loss).toBe(results[0]!.loss);
    }
    expect(results[0]!.outputs).toHaveLength(n * 3);
    jax.tree.dispose([params, buffers]);
  });

  it("reports exactly the metric names `metricNames` lists for each loss", async () => {
    const binary = createDataset({ name: "binary", task: "classification", n, x, y: y.map((v) => v % 2), sampleShape: [6], classes: ["a", "b"] });
    const regression = createDataset({ name: "regression", task: "regression", n, x, y: Float32Array.from(y), sampleShape: [6] });
    for (const [dataset, loss] of [[data, "CrossEntropyLoss"], [binary, "BCEWithLogitsLoss"], [regression, "MSELoss"], [regression, "HuberLoss"]] as const) {
      const objectiveOf = createObjective(dataset, loss);
      const net = createModel({ preset: "linear" }, [6], objectiveOf.outputs);
      const { params, buffers } = net.init({ seed: 0 });
      const evaluator = createEvaluator(net, objectiveOf, 64, "caller");
      expect(Object.keys(await evaluator.evaluate(params, buffers, dataset)).sort()).toEqual([...metricNames[loss]].sort());
      evaluator.dispose();
      jax.tree.dispose([params, buffers]);
    }
  });
});
