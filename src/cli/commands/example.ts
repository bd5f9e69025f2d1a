/** `lrkit example NAME`: runs one of the seed's worked examples and prints what η did there. */
import { Command, Option } from "commander";
import { ConfigError } from "../../errors.js";
import { closestName } from "../../spec/index.js";
import { formatCartpole, runCartpole } from "../../examples/cartpole/index.js";
import { linearRegression } from "../../examples/linear-regression.js";

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
};

export function exampleCommand(): Command {
  const names = Object.keys(examples);
  return new Command("example")
    .description("run a worked example of what the learning rate does")
    .argument("<name>", `one of: ${names.join(", ")}`)
    .addOption(new Option("--json", "print the result as one JSON object"))
    .addHelpText("after", `\nExamples:\n${names.map((n) => `  ${n.padEnd(20)} ${examples[n]!.summary}`).join("\n")}\n`)
    .action(async (name: string, options: { json?: boolean }) => {
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
      await example.run(options.json ?? false);
    });
}
