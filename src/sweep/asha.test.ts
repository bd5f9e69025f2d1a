import { describe, expect, it } from "vitest";
import { createAsha } from "./asha.js";

describe("ASHA rungs", () => {
  it("sit at grace·η^k below the maximum number of epochs", () => {
    expect(createAsha({ maxEpochs: 27, mode: "min" }).rungs).toEqual([1, 3, 9]);
    expect(createAsha({ maxEpochs: 28, mode: "min" }).rungs).toEqual([1, 3, 9, 27]);
    expect(createAsha({ maxEpochs: 10, gracePeriod: 2, reductionFactor: 2, mode: "min" }).rungs).toEqual([2, 4, 8]);
    expect(createAsha({ maxEpochs: 1, mode: "min" }).rungs).toEqual([]);
  });
});

describe("ASHA decisions (η = 3, rungs at 1 and 3 epochs)", () => {
  it("keeps a trial only while it is in the top ⌈n/η⌉ of the n trials at its rung so far", () => {
    const asha = createAsha({ maxEpochs: 9, mode: "min" });
    const script: [string, number, number, string][] = [
      ["A", 1, 0.5, "continue"], // alone at rung 1: top ⌈1/3⌉ = 1
      ["B", 1, 0.4, "continue"], // best of 2, top 1
      ["C", 1, 0.6, "stop"], // 3rd of 3, top 1
      ["D", 1, 0.45, "continue"], // 2nd of 4, top ⌈4/3⌉ = 2
      ["E", 1, 0.55, "stop"], // 4th of 5, top 2
      ["A", 2, 9.9, "continue"], // epoch 2 is no rung
      ["A", 3, 0.3, "continue"], // alone at rung 3
      ["B", 3, 0.35, "stop"], // 2nd of 2, top 1
      ["D", 3, 0.2, "continue"], // best of 3
      ["F", 1, 0.4, "continue"], // ties B for 1st of 6: ties count in its favour, top 2
      ["G", 1, NaN, "stop"], // NaN always stops
      ["H", 1, 0.7, "stop"], // 7th of 8 (the NaN is never better), top 3
      ["A", 9, 0.1, "continue"], // the last epoch is no rung
      ["C", 1, 0.1, "continue"], // C re-run: replaces its 0.6, best of the same 8
    ];
    for (const [key, epoch, value, decision] of script) expect(`${key}@${epoch} ${asha.report(key, epoch, value)}`).toBe(`${key}@${epoch} ${decision}`);
  });

  it("keeps the highest values in max mode", () => {
    const asha = createAsha({ maxEpochs: 9, mode: "max" });
    expect(asha.report("A", 1, 0.9)).toBe("continue");
    expect(asha.report("B", 1, 0.8)).toBe("stop");
    expect(asha.report("C", 1, 0.95)).toBe("continue");
  });

  it("rejects a reduction factor below 2 and a grace period below 1", () => {
    expect(() => createAsha({ maxEpochs: 9, mode: "min", reductionFactor: 1 })).toThrow("asha.reductionFactor: must be an integer ≥ 2; got 1");
    expect(() => createAsha({ maxEpochs: 9, mode: "min", gracePeriod: 0 })).toThrow("asha.gracePeriod: must be an integer ≥ 1; got 0");
  });
});
