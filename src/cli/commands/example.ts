/** `lrkit example NAME`: runs one of the seed's worked examples and prints what η did there. */
import { resolve } from "node:path";
import { Command, Option } from "commander";
import type { DeviceChoice } from "../../engine/node/index.js";
import { deviceOption, startDevice } from "../device-option.js";
import { ConfigError } from "../../errors.js";
import { closestName } from "../../spec/index.js";
import { formatCartpole, runCartpole } from "../../examples/cartpole/index.js";
import { linearRegression } from "../../examples/linear-regression/index.js";
import { formatEdgeOfStability, runEdgeOfStability, writeEdgeOfStabilityChart } from "../../examples/edge-of-stability/index.js";
import { formatFineTune, runFineTune } from "../../examples/fine-tune/index.js";
import { formatImbalanced, runImbalanced } from "../../examples/imbalanced/index.js";
import { formatLrCompare, runLrCompare, writeLrCompareChart } from "../../examples/lr-compare/index.js";
import { formatMnistCnn, runMnistCnn } from "../../examples/mnist-cnn/index.js";
import { formatRegressionStability, runRegressionStability } from "../../examples/regression-stability/index.js";

interface Example {
  summary: string;
  run(json: boolean): Promise<void>;
}

const examples: Record<string, Example> = {
  "linear-regression": {
    summary: "the seed's house-price line: SGD at η = 0.01, 1000 full-batch epochs, float32",
    async run(json) {
      const result = await linearRegression();
      if (json) {
        const { lossHistory: _history, ...summary } = result;
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      } else {
        process.stdout.write(`Slope: ${result.slope}, Intercept: ${result.intercept}\n`);
      }
    },
  },
  cartpole: {
    summary: "policy gradient (REINFORCE + baseline, Adam) on CartPole at a too-low, a good and a too-high η",
    async run(json) {
      const result = await runCartpole({
        onProgress: json ? undefined : ({ lr, episode }) => episode % 100 === 0 && process.stderr.write(`  η = ${lr}: episode ${episode}\n`),
      });
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatCartpole(result)}\n`);
    },
  },
  "regression-stability": {
    summary: "diabetes least squares: η_max = 2/λ_max from the Hessian; full-batch GD, mini-batch and SGD just below and above it (~15 s)",
    async run(json) {
      const result = await runRegressionStability({ onProgress: ({ method, lr, run, total }) => process.stderr.write(`  run ${run}/${total}: ${method} at η = ${lr.toPrecision(4)}\n`) });
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatRegressionStability(result)}\n`);
    },
  },
  "edge-of-stability": {
    summary: "full-batch GD on 1,000 MNIST images (tanh MLP, MSE): the sharpness λ_max settles at 2/η for η = 0.1, 0.15, 0.2; chart edge-of-stability.svg",
    async run(json) {
      const result = await runEdgeOfStability({ onProgress: ({ lr, step }) => step % 50 === 0 && process.stderr.write(`  η = ${lr}: step ${step}\n`) });
      const perEta = result.runs.map(({ eta, threshold, steps, sharpness }) => ({ eta, threshold, steps, sharpness }));
      const chart = resolve("edge-of-stability.svg");
      await writeEdgeOfStabilityChart(result, chart);
      process.stdout.write(json ? `${JSON.stringify(perEta)}\n` : `${formatEdgeOfStability(result)}\nsharpness chart: ${chart}\n`);
      if (json) process.stderr.write(`sharpness chart: ${chart}\n`);
    },
  },
  imbalanced: {
    summary: "fraud-style classifier on breast-cancer and a 2%-positive variant: η, pos_weight and a validation-chosen threshold (~1–2 min)",
    async run(json) {
      const result = await runImbalanced({
        onProgress: ({ run, total, variant }) => run % 16 === 0 && process.stderr.write(`  run ${run}/${total} (${variant})\n`),
      });
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatImbalanced(result)}\n`);
    },
  },
  "fine-tune": {
    summary: "pre-train the seed CNN on MNIST, fine-tune on Fashion-MNIST at full, small, per-layer and frozen η (~4 min)",
    async run(json) {
      process.stderr.write("fine-tune: 938 pre-training steps on MNIST, then 5 × 200 steps on Fashion-MNIST; about 4 minutes on 2 idle cores\n");
      const result = await runFineTune({ onProgress: ({ phase, step, steps, loss }) => process.stderr.write(`  ${phase}: step ${step}/${steps}, loss ${loss.toFixed(4)}\n`) });
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatFineTune(result)}\n`);
    },
  },
  "mnist-cnn": {
    summary: "the seed's CNN on MNIST with Adam 1e-3 for one epoch: test accuracy and time (~2 min)",
    async run(json) {
      process.stderr.write("mnist-cnn: 938 steps of batch 64, then 10,000 test images; about 2 minutes on 2 idle cores\n");
      const result = await runMnistCnn({ onProgress: ({ step, steps, loss }) => process.stderr.write(`  step ${step}/${steps}, loss ${loss.toFixed(4)}\n`) });
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatMnistCnn(result)}\n`);
    },
  },
  "lr-compare": {
    summary: "the seed CNN on MNIST with SGD at η = 0.001, 0.01, 0.1, 1, 10 for 300 steps each; table and loss chart lr-compare.svg (~3 min)",
    async run(json) {
      process.stderr.write("lr-compare: 5 × 300 steps of batch 64 (fewer where a run diverges) and five evaluations; about 3 minutes on 2 idle cores\n");
      const result = await runLrCompare({ onProgress: ({ lr, step, steps, loss }) => process.stderr.write(`  η = ${lr}: step ${step}/${steps}, loss ${loss.toFixed(4)}\n`) });
      const chart = resolve("lr-compare.svg");
      await writeLrCompareChart(result, chart);
      process.stdout.write(json ? `${JSON.stringify({ ...result, chart })}\n` : `${formatLrCompare(result)}\nloss chart: ${chart}\n`);
    },
  },
};

export function exampleCommand(): Command {
  const names = Object.keys(examples);
  return new Command("example")
    .description("run a worked example of what the learning rate does")
    .argument("<name>", `one of: ${names.join(", ")}`)
    .addOption(new Option("--json", "print the result as one JSON object"))
    .addOption(deviceOption())
    .addHelpText("after", `\nExamples:\n${names.map((n) => `  ${n.padEnd(20)} ${examples[n]!.summary}`).join("\n")}\n`)
    .action(async (name: string, options: { json?: boolean; device?: DeviceChoice }) => {
      const example = examples[name];
      if (!example) {
        const guess = closestName(name, names);
        throw new ConfigError(
          `unknown example "${name}"${guess ? ` (did you mean "${guess}"?)` : ""}; valid: ${names.join(", ")}`,
          "example",
          "name",
          name,
        );
      }
      await startDevice(options.device);
      await example.run(options.json ?? false);
    });
}
