import { describe, expect, it } from "vitest";
import { DeviceError, requireDtypeOn } from "./device-error.js";
import { jax } from "./jax.js";

describe("requireDtypeOn", () => {
  it("refuses float64 on webgpu, naming where and what works", () => {
    expect(() => requireDtypeOn("webgpu", jax.numpy.float64, 'trainer: parameter "fc.weight"')).toThrow(DeviceError);
    expect(() => requireDtypeOn("webgpu", jax.numpy.float64, 'trainer: parameter "fc.weight"')).toThrow(
      'trainer: parameter "fc.weight": float64 arrays cannot live on webgpu (WebGPU computes in float32 only); train in float32 or use --device wasm',
    );
  });

  it("lets float32 on webgpu and float64 on wasm pass", () => {
    expect(() => requireDtypeOn("webgpu", jax.numpy.float32, "x")).not.toThrow();
    expect(() => requireDtypeOn("wasm", jax.numpy.float64, "x")).not.toThrow();
  });
});
