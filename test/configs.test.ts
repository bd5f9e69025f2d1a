/** The run configs shipped in configs/ (and shown in the README) are valid. */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseDatasetSpec } from "../src/data/index.js";
import { createModel } from "../src/nn/index.js";
import { createClipping, createOptimizer } from "../src/optim/index.js";
import { createScheduler } from "../src/schedules/index.js";
import { parseRunConfig } from "../src/train/index.js";

const folder = resolve(import.meta.dirname, "../configs");
const files = readdirSync(folder).filter((f) => f.endsWith(".yaml"));

describe("configs/", () => {
  it("holds configs", () => expect(files.length).toBeGreaterThanOrEqual(4));

  it.each(files)("%s is a valid run config", (file) => {
    const config = parseRunConfig(parse(readFileSync(resolve(folder, file), "utf8")), file);
    expect(() => parseDatasetSpec(config.data)).not.toThrow();
    const optimizer = createOptimizer(config.optimizer as never);
    if (config.scheduler) {
      const { monitor: _monitor, ...spec } = config.scheduler;
      createScheduler(spec, optimizer.defaults.lr as number, { totalSteps: 100 });
    }
    if (config.clip) createClipping(config.clip);
    const shape = config.data.name === "cifar10" ? [3, 32, 32] : config.data.name === "mnist" ? [1, 28, 28] : [30];
    expect(createModel(config.model, shape, 10).outputShape).toEqual([10]);
  });
});
