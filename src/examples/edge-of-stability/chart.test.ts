import { describe, expect, it } from "vitest";
import { renderSvg } from "../../report/index.js";
import { edgeOfStabilityChart } from "./chart.js";

const result = {
  images: 1000,
  runs: [0.1, 0.2].map((eta) => ({ eta, threshold: 2 / eta, steps: [0, 10, 20, 30], sharpness: [2, 8, 2 / eta, 2 / eta], loss: [1, 0.5, 0.4, 0.3] })),
};

describe("edgeOfStabilityChart", () => {
  it("draws λ_max per η on a log axis with each η's 2/η line, labelled", async () => {
    const spec = edgeOfStabilityChart(result) as { layer: { data: { values: Record<string, unknown>[] }; mark: { type: string }; encoding: { y: { scale?: { type: string } } } }[] };
    const [curves, rules] = spec.layer;
    expect(curves!.data.values).toHaveLength(8);
    expect(curves!.encoding.y.scale?.type).toBe("log");
    expect(rules!.mark.type).toBe("rule");
    expect(rules!.data.values.map((t) => t.threshold)).toEqual([20, 10]);
    const svg = await renderSvg(edgeOfStabilityChart(result));
    for (const text of ["2/η = 20.0", "2/η = 10.0", "η = 0.1", "η = 0.2", "λ_max (log scale)"]) expect(svg).toContain(text);
  });
});
