/**
 * A device that cannot do what was asked of it: WebGPU with no usable adapter, or a float64 array
 * on WebGPU, which has float32 only. The message says what is missing and what would work.
 */
import type { DType } from "./jax.js";

export class DeviceError extends Error {
  override name = "DeviceError";
}

/** Throws a DeviceError naming `where` when `dtype` cannot live on `device` (float64 on webgpu). */
export function requireDtypeOn(device: string, dtype: DType, where: string): void {
  if (device === "webgpu" && dtype === "float64") {
    throw new DeviceError(`${where}: float64 arrays cannot live on webgpu (WebGPU computes in float32 only); train in float32 or use --device wasm`);
  }
}
