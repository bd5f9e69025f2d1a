import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { numberOption, optionalNumber, parseNumber } from "./number-option.js";

describe("numbers on the command line", () => {
  it("reads numbers in range and names the flag, the text and the range otherwise", () => {
    expect(parseNumber("3e-3", "--lr", { above: 0 })).toBe(0.003);
    expect(optionalNumber(undefined, "--lr")).toBeUndefined();
    expect(numberOption("--port", { integer: true, min: 0, max: 65535 })("8080")).toBe(8080);
    expect(() => parseNumber("", "--lr")).toThrow('--lr: expected a number; got ""');
    expect(() => parseNumber("0", "--lr", { above: 0 })).toThrow('--lr: expected a number > 0; got "0"');
    expect(() => parseNumber("2.5", "--steps", { integer: true, min: 1 })).toThrow('--steps: expected a whole number ≥ 1; got "2.5"');
    expect(() => parseNumber("70000", "--port", { integer: true, min: 0, max: 65535, note: "0: any free port" })).toThrow('--port: expected a whole number from 0 to 65535 (0: any free port); got "70000"');
    expect(() => parseNumber("abc", "--num-iter")).toThrow(ConfigError);
  });
});
