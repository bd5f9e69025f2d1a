import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { createOptimizer, type OptimizerSpec } from "./index.js";
import { catchConfigError } from "../testing/config-error.js";

const errorOf = (spec: unknown) => catchConfigError(() => createOptimizer(spec as OptimizerSpec));

describe("optimizer specs", () => {
  it.each([
    ["SGD", { lr: 1e-3, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false }],
    ["Adam", { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false }],
    ["AdamW", { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false }],
    ["RMSprop", { lr: 1e-2, alpha: 0.99, eps: 1e-8, weight_decay: 0, momentum: 0, centered: false, maximize: false }],
    ["Adagrad", { lr: 1e-2, lr_decay: 0, weight_decay: 0, initial_accumulator_value: 0, eps: 1e-10, maximize: false }],
    ["Adadelta", { lr: 1, rho: 0.9, eps: 1e-6, weight_decay: 0, maximize: false }],
    ["Adamax", { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, maximize: false }],
    ["NAdam", { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, momentum_decay: 4e-3, maximize: false }],
    ["RAdam", { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, maximize: false }],
    ["Rprop", { lr: 1e-2, etas: [0.5, 1.2], step_sizes: [1e-6, 50], maximize: false }],
    ["Lion", { lr: 1e-4, betas: [0.9, 0.99], weight_decay: 0 }],
    ["LAMB", { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-6, weight_decay: 0 }],
    ["AdamWScheduleFree", { lr: 0.0025, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, warmup_steps: 0, r: 0, weight_lr_power: 2 }],
    [
      "Prodigy",
      { lr: 1, betas: [0.9, 0.999], beta3: null, eps: 1e-8, weight_decay: 0, decouple: true, use_bias_correction: false, safeguard_warmup: false, d0: 1e-6, d_coef: 1, growth_rate: Infinity },
    ],
    ["DAdaptAdam", { lr: 1, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, decouple: false, use_bias_correction: false, d0: 1e-6, growth_rate: Infinity }],
    ["DoG", { lr: 1, reps_rel: 1e-6, weight_decay: 0, eps: 1e-8 }],
  ])("fills PyTorch's defaults for %s", (type, defaults) => {
    expect(createOptimizer({ type } as OptimizerSpec).defaults).toEqual({ type, ...defaults });
  });

  it("keeps the values given", () => {
    expect(createOptimizer({ type: "AdamW", lr: 0.01, weight_decay: 0.1, betas: [0.9, 0.95] }).defaults).toMatchObject({ lr: 0.01, weight_decay: 0.1, betas: [0.9, 0.95] });
  });
});

describe("bad optimizer specs are ConfigErrors naming the key, the value and what is valid", () => {
  it("an unknown type, with a did-you-mean", () => {
    const e = errorOf({ type: "Adamw" });
    expect(e.where).toBe("optimizer");
    expect(e.key).toBe("type");
    expect(e.message).toContain('optimizer.type: unknown value "Adamw" (did you mean "AdamW"?); valid: SGD, Adam, AdamW,');
    expect(errorOf({ type: "Foo" }).message).toContain("AdamWScheduleFree");
  });

  it("a misspelt key, with a did-you-mean and the valid keys", () => {
    const e = errorOf({ type: "SGD", weight_decy: 0.1 });
    expect(e.key).toBe("weight_decy");
    expect(e.message).toBe(
      'optimizer: unknown key "weight_decy" (did you mean "weight_decay"?); valid keys: type, lr, momentum, dampening, weight_decay, nesterov, maximize, cautious, param_groups',
    );
    expect(errorOf({ type: "LAMB", momentum: 0.9 }).message).toContain('unknown key "momentum"');
  });

  it.each([
    [{ type: "SGD", lr: "0.1" }, "lr", "optimizer.lr: expected number, received string; got \"0.1\""],
    [{ type: "Adam", amsgrad: "yes" }, "amsgrad", "optimizer.amsgrad: expected boolean, received string; got \"yes\""],
    [{ type: "SGD", param_groups: {} }, "param_groups", "optimizer.param_groups: expected array, received object; got {}"],
  ])("a wrong type: %j", (spec, key, message) => {
    const e = errorOf(spec);
    expect(e.key).toBe(key);
    expect(e.message).toBe(message);
  });

  it.each([
    [{ type: "SGD", lr: -1 }, "lr", -1, "expected a learning rate ≥ 0"],
    [{ type: "SGD", momentum: -0.1 }, "momentum", -0.1, "expected a number ≥ 0"],
    [{ type: "SGD", dampening: 2 }, "dampening", 2, "expected a number in [0, 1]"],
    [{ type: "Adam", betas: [0.9, 1] }, "betas.1", 1, "expected a beta in [0, 1)"],
    [{ type: "Lion", betas: [-0.2, 0.9] }, "betas.0", -0.2, "expected a beta in [0, 1)"],
    [{ type: "Adam", eps: -1e-8 }, "eps", -1e-8, "expected an epsilon ≥ 0"],
    [{ type: "AdamW", weight_decay: -0.1 }, "weight_decay", -0.1, "expected a weight decay ≥ 0"],
    [{ type: "RMSprop", alpha: -1 }, "alpha", -1, "expected a number ≥ 0"],
    [{ type: "Adagrad", lr_decay: -1 }, "lr_decay", -1, "expected a number ≥ 0"],
    [{ type: "Adagrad", initial_accumulator_value: -1 }, "initial_accumulator_value", -1, "expected a number ≥ 0"],
    [{ type: "Adadelta", rho: 1.5 }, "rho", 1.5, "expected a number in [0, 1]"],
    [{ type: "NAdam", momentum_decay: -1 }, "momentum_decay", -1, "expected a number ≥ 0"],
    [{ type: "Rprop", etas: [1.5, 1.2] }, "etas", [1.5, 1.2], "expected [eta_minus, eta_plus] with 0 < eta_minus < 1 < eta_plus"],
    [{ type: "Rprop", step_sizes: [1, 0.1] }, "step_sizes", [1, 0.1], "expected [step_min, step_max] with 0 ≤ step_min ≤ step_max"],
    [{ type: "AdamWScheduleFree", warmup_steps: 1.5 }, "warmup_steps", 1.5, "expected a whole number of steps ≥ 0"],
    [{ type: "AdamWScheduleFree", weight_lr_power: -2 }, "weight_lr_power", -2, "expected a number ≥ 0"],
    [{ type: "Prodigy", d0: 0 }, "d0", 0, "expected a number > 0"],
    [{ type: "DoG", reps_rel: -1 }, "reps_rel", -1, "expected a number > 0"],
    [{ type: "DAdaptAdam", growth_rate: 0.5 }, "growth_rate", 0.5, "expected a growth rate ≥ 1 or Infinity"],
    [{ type: "Muon", ns_steps: 2.5 }, "ns_steps", 2.5, "expected a whole number of iterations ≥ 1"],
  ])("an out-of-range value: %j", (spec, key, value, valid) => {
    const e = errorOf(spec);
    expect(e.where).toBe("optimizer");
    expect(e.key).toBe(key);
    expect(e.value).toEqual(value);
    expect(e.message).toBe(`optimizer.${key}: ${valid}; got ${JSON.stringify(value)}`);
  });

  it.each([
    [{ type: "SGD", nesterov: true }, "(momentum is 0, dampening is 0)"],
    [{ type: "SGD", nesterov: true, momentum: 0.9, dampening: 0.1 }, "(momentum is 0.9, dampening is 0.1)"],
  ])("nesterov without momentum or with dampening, as torch: %j", (spec, detail) => {
    const e = errorOf(spec);
    expect(e.key).toBe("nesterov");
    expect(e.message).toBe(`optimizer.nesterov: nesterov momentum requires momentum > 0 and dampening = 0 ${detail}; got true`);
  });

  it("errors inside a group name the group", () => {
    const misspelt = errorOf({ type: "SGD", param_groups: [{ params: ["a"], lr: 0.1 }, { params: ["b"], weight_decy: 0 }] });
    expect(misspelt.where).toBe("optimizer.param_groups[1]");
    expect(misspelt.message).toContain('optimizer.param_groups[1]: unknown key "weight_decy" (did you mean "weight_decay"?)');

    const range = errorOf({ type: "AdamW", param_groups: [{ params: ["*.bias"], weight_decay: -1 }] });
    expect(range.where).toBe("optimizer.param_groups[0]");
    expect(range.message).toBe("optimizer.param_groups[0].weight_decay: expected a weight decay ≥ 0; got -1");

    const merged = errorOf({ type: "SGD", momentum: 0.9, nesterov: true, param_groups: [{ params: ["a"] }, { params: ["b"], dampening: 0.5 }] });
    expect(merged.where).toBe("optimizer.param_groups[1]");
    expect(merged.message).toContain("optimizer.param_groups[1].nesterov: nesterov momentum requires momentum > 0 and dampening = 0");

    expect(errorOf({ type: "SGD", param_groups: [{ lr: 0.1 }] }).message).toBe("optimizer.param_groups[0].params: expected array, received undefined; it is missing");
    expect(errorOf({ type: "SGD", param_groups: [{ params: [] }] }).message).toBe(
      "optimizer.param_groups[0].params: expected a list of at least one glob pattern; got []",
    );
    expect(errorOf({ type: "SGD", param_groups: [{ params: ["a"], type: "Adam" }] }).message).toContain('optimizer.param_groups[0]: unknown key "type"');
  });

  it("names where the spec came from", () => {
    try {
      createOptimizer({ type: "SGD", lr: -1 }, "run.yaml: optimizer");
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).message).toBe("run.yaml: optimizer.lr: expected a learning rate ≥ 0; got -1");
    }
  });
});
