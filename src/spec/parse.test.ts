import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { parseSpec } from "./parse.js";

const schema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("StepLR"), step_size: z.number().int().positive(), gamma: z.number().positive().default(0.1) }),
  z.strictObject({ type: z.literal("ExponentialLR"), gamma: z.number().positive() }),
]);

function errorOf(input: unknown): ConfigError {
  try {
    parseSpec(schema, input, "scheduler");
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("parseSpec", () => {
  it("returns the parsed value with defaults", () => {
    expect(parseSpec(schema, { type: "StepLR", step_size: 3 }, "scheduler")).toEqual({ type: "StepLR", step_size: 3, gamma: 0.1 });
  });

  it("names a misspelt key, suggests the right one and lists the valid keys", () => {
    const e = errorOf({ type: "StepLR", step_size: 3, gama: 0.5 });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.key).toBe("gama");
    expect(e.message).toContain('unknown key "gama" (did you mean "gamma"?)');
    expect(e.message).toContain("valid keys: type, step_size, gamma");
  });

  it("names an unknown type and suggests the closest", () => {
    const e = errorOf({ type: "StepRL", step_size: 3 });
    expect(e.message).toContain('unknown value "StepRL" (did you mean "StepLR"?)');
    expect(e.message).toContain("StepLR, ExponentialLR");
  });

  it("names the key, the range and the value given when out of range", () => {
    const e = errorOf({ type: "StepLR", step_size: -2 });
    expect(e.key).toBe("step_size");
    expect(e.value).toBe(-2);
    expect(e.message).toMatch(/^scheduler\.step_size: .*>0.*got -2$/);
  });

  it("says when a required key is missing", () => {
    expect(errorOf({ type: "ExponentialLR" }).message).toContain("scheduler.gamma: expected number, received undefined; it is missing");
  });
});

describe("parseSpec hints", () => {
  const required = z.strictObject({ warmup_steps: z.number(), alpha: z.number().optional() });

  it("reports a misspelt required key as unknown, with the hint, rather than as missing", () => {
    expect(() => parseSpec(required, { warmup_step: 3 }, "schedule")).toThrow('unknown key "warmup_step" (did you mean "warmup_steps"?)');
  });

  it("counts two swapped letters as one edit", () => {
    expect(() => parseSpec(required, { warmup_steps: 3, alpah: 1 }, "schedule")).toThrow('(did you mean "alpha"?)');
  });
});

describe("parseSpec enums", () => {
  it("suggests the closest enum value", () => {
    const schema = z.strictObject({ mode: z.enum(["triangular", "triangular2", "exp_range"]) });
    expect(() => parseSpec(schema, { mode: "exp_rnage" }, "scheduler")).toThrow('scheduler.mode: unknown value "exp_rnage" (did you mean "exp_range"?); valid: triangular, triangular2, exp_range');
  });
});

describe("parseSpec values", () => {
  it("shows non-finite numbers as such", () => {
    const schema = z.strictObject({ lr: z.number().finite() });
    expect(() => parseSpec(schema, { lr: Infinity }, "optimizer")).toThrow("got Infinity");
  });

  it("says a missing type is missing and lists the valid types", () => {
    expect(() => parseSpec(schema, { step_size: 3 }, "scheduler")).toThrow("scheduler.type: it is missing; valid: StepLR, ExponentialLR");
  });
});
