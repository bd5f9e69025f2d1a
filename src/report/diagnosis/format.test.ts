import { describe, expect, it } from "vitest";
import { diagnoseLr } from "./diagnose-lr.js";
import { formatDiagnosis } from "./format-diagnosis.js";
import { formatLr, formatPercent, formatValue, roundLr } from "./format-numbers.js";

describe("how the diagnosis writes numbers", () => {
  it("rounds a suggested η to one significant digit, in exponent form below 0.01", () => {
    expect(roundLr(0.003)).toBe("3e-3");
    expect(roundLr(0.0333)).toBe("0.03");
    expect(roundLr(0.096)).toBe("0.1");
    expect(roundLr(0.3333)).toBe("0.3");
    expect(roundLr(2.5)).toBe("3");
    expect(roundLr(1.2e-5)).toBe("1e-5");
    expect(roundLr(0)).toBe("0");
  });

  it("writes measured values with 3 and η with 4 significant digits, fractions as percentages", () => {
    expect(formatValue(0.123456)).toBe("0.123");
    expect(formatValue(2345.6)).toBe("2350");
    expect(formatLr(0.79972)).toBe("0.7997");
    expect(formatLr(NaN)).toBe("NaN");
    expect(formatPercent(-0.934)).toBe("-93%");
    expect(formatPercent(0.00432)).toBe("0.43%");
  });
});

describe("formatDiagnosis", () => {
  it("prints the verdict, one evidence line each, and the suggestion", () => {
    const text = formatDiagnosis(diagnoseLr({ steps: [0, 1, 2], loss: [2.3, 1.2, NaN], lr: [0.5, 0.5, 0.5] }));
    expect(text).toBe(
      [
        "lr diagnosis: diverged",
        "  - loss became NaN at step 2 with lr 0.5",
        "  - before that the smoothed loss went from 2.3 to a best of 1.2 at step 1",
        "suggestion: lower lr to about 0.05 (1/10 of the η 0.5 at which it diverged)",
      ].join("\n"),
    );
  });
});
