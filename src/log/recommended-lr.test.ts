import { describe, expect, it } from "vitest";
import { recommendedLr, recommendedRule } from "./index.js";

describe("recommendedLr", () => {
  const suggestions = { valley: 0.0215, slide: 0.00486, minimum: 0.10722672, steep: null, steepest_raw: 0.509 };

  it("is the minimum rule's η rounded to 3 digits, the others as alternatives (rules without an η left out)", () => {
    expect(recommendedRule).toBe("minimum");
    expect(recommendedLr(suggestions)).toEqual({
      rule: "minimum",
      lr: 0.107,
      alternatives: [
        { rule: "valley", lr: 0.0215 },
        { rule: "slide", lr: 0.00486 },
        { rule: "steepest_raw", lr: 0.509 },
      ],
    });
  });

  it("gives none when the minimum rule found no η", () => {
    expect(recommendedLr({ ...suggestions, minimum: null })).toBeUndefined();
    expect(recommendedLr({ valley: 0.01 })).toBeUndefined();
    expect(recommendedLr({ minimum: Number.NaN })).toBeUndefined();
  });
});
