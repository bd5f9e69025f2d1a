import { describe, expect, it } from "vitest";
import { applySuggestion } from "./apply-suggestion.js";

const config = {
  data: { name: "iris" },
  model: { preset: "mlp", hidden: [16] },
  optimizer: { type: "SGD", lr: 0.1, momentum: 0.9 },
  scheduler: { type: "StepLR", step_size: 5 },
  epochs: 3,
  batch_size: 16,
};

describe("applySuggestion", () => {
  it('"lr" sets the optimizer\'s base lr and keeps everything else', () => {
    expect(applySuggestion(config, 0.02, "lr")).toEqual({ ...config, optimizer: { type: "SGD", lr: 0.02, momentum: 0.9 } });
    expect(config.optimizer.lr).toBe(0.1);
  });

  it('"one_cycle" replaces another scheduler with OneCycleLR at max_lr η', () => {
    expect(applySuggestion(config, 0.02, "one_cycle")).toEqual({ ...config, scheduler: { type: "OneCycleLR", max_lr: 0.02 } });
    const { scheduler: _, ...none } = config;
    expect(applySuggestion(none, 0.02, "one_cycle").scheduler).toEqual({ type: "OneCycleLR", max_lr: 0.02 });
  });

  it('"one_cycle" keeps an existing OneCycleLR\'s other keys', () => {
    const oneCycle = { ...config, scheduler: { type: "OneCycleLR", max_lr: 0.5, pct_start: 0.25 } };
    expect(applySuggestion(oneCycle, 0.02, "one_cycle").scheduler).toEqual({ type: "OneCycleLR", max_lr: 0.02, pct_start: 0.25 });
  });
});
