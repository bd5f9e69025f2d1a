import { describe, expect, it } from "vitest";
import { jax } from "../../engine/index.js";
import { identical, layerOf, relativeChange, toHost } from "./weight-change.js";

const np = jax.numpy;

describe("relativeChange", () => {
  it("is ‖after − before‖/‖before‖ per layer, weight and bias together", () => {
    const before = { "0.weight": Float32Array.from([3, 0]), "0.bias": Float32Array.from([4]), "7.weight": Float32Array.from([1, 1, 1, 1]) };
    const after = { "0.weight": Float32Array.from([3, 1]), "0.bias": Float32Array.from([4]), "7.weight": Float32Array.from([1, 1, 1, 1]) };
    expect(relativeChange(before, after)).toEqual({ "0": 1 / 5, "7": 0 });
    expect(() => relativeChange(before, { "0.weight": after["0.weight"] })).toThrow(/"0.bias" is missing/);
  });

  it("names layers by the parameter name up to the last dot", () => {
    expect(["0.weight", "block.1.bias", "scale"].map(layerOf)).toEqual(["0", "block.1", "scale"]);
  });
});

describe("identical", () => {
  it("compares bits: equal copies match, a changed value or a sign of zero does not", () => {
    const a = { w: Float32Array.from([1, 0, NaN]) };
    expect(identical(a, { w: Float32Array.from([1, 0, NaN]) }, ["w"])).toBe(true);
    expect(identical(a, { w: Float32Array.from([1, -0, NaN]) }, ["w"])).toBe(false);
    expect(identical(a, { w: Float32Array.from([1 + 2 ** -23, 0, NaN]) }, ["w"])).toBe(false);
    expect(identical(a, {}, ["w"])).toBe(false);
  });

  it("copies device parameters to the host without consuming them", async () => {
    const params = { w: np.array([1.5, -2], { dtype: np.float32 }) };
    expect(await toHost(params)).toEqual({ w: Float32Array.from([1.5, -2]) });
    expect(params.w.refCount).toBe(1);
    params.w.dispose();
  });
});
