import { describe, expect, it } from "vitest";
import { readFixture } from "./fixtures.js";

describe("readFixture", () => {
  it("reads Python's bare -Infinity in the optimizer fixture as a number", () => {
    const data = readFixture<{ cases: { name: string; params: number[][] }[] }>("torch/optimizers.json");
    const values = data.cases.flatMap((c) => c.params.flat());
    expect(values).toContain(-Infinity);
    expect(values.every((v) => typeof v === "number")).toBe(true);
  });
});
