import { describe, expect, it } from "vitest";
import { defaultSettings, rangeTestSettings } from "./settings.js";
import { catchConfigError as errorOf } from "../testing/config-error.js";

describe("rangeTestSettings", () => {
  it("fills fastai's defaults: 1e-7 → 10 over 100 exponential steps, β 0.98, stop at 4 × best", () => {
    expect(rangeTestSettings({})).toEqual({ startLr: 1e-7, endLr: 10, numIter: 100, mode: "exp", divergeThreshold: 4, beta: 0.98, accumulationSteps: 1 });
    expect(rangeTestSettings({ startLr: undefined, numIter: 50 })).toEqual({ ...defaultSettings, numIter: 50 });
  });

  it.each([
    [{ startLr: 0 }, "startLr", /startLr must be a positive finite number; got 0/],
    [{ startLr: -1e-3 }, "startLr", /positive/],
    [{ endLr: Infinity }, "endLr", /endLr must be a positive finite number/],
    [{ startLr: 1, endLr: 1 }, "endLr", /endLr must be greater than startLr \(1\)/],
    [{ startLr: 1, endLr: 0.1 }, "endLr", /greater than startLr/],
    [{ numIter: 4 }, "numIter", /numIter must be a whole number ≥ 5; got 4/],
    [{ numIter: 10.5 }, "numIter", /whole number/],
    [{ mode: "cosine" as never }, "mode", /mode must be one of exp, linear; got cosine/],
    [{ divergeThreshold: 1 }, "divergeThreshold", /> 1/],
    [{ beta: 1 }, "beta", /\[0, 1\)/],
    [{ accumulationSteps: 0 }, "accumulationSteps", /whole number ≥ 1/],
  ])("%o is a ConfigError naming %s", (options, key, message) => {
    const error = errorOf(() => rangeTestSettings(options));
    expect(error.key).toBe(key);
    expect(error.message).toMatch(message);
  });

  it("names the options the caller's way (the CLI's flags)", () => {
    const error = errorOf(() => rangeTestSettings({ startLr: 10, endLr: 1 }, { startLr: "--start-lr", endLr: "--end-lr" }, "lrkit find"));
    expect(error.message).toBe("lrkit find: --end-lr must be greater than --start-lr (10), since η grows during the test; got 1");
    expect(error.key).toBe("--end-lr");
  });
});
