/**
 * The array engine: `@jax-js/jax`, made safe to use on Node 20 and initialised once.
 *
 * Every other module imports jax-js through here so that the Float16Array polyfill is in place
 * before jax-js builds its first array.
 */
import { jax } from "./jax.js";

export { jax, type JaxArray, type DType, type Device } from "./jax.js";
export { scalarOf, scalarLike, type Scalar } from "./scalar.js";
export type { Params, ArrayTree } from "./tree.js";
export { toTensorData, fromTensorData, type TensorData } from "./tensor-data.js";
export { DeviceError, requireDtypeOn } from "./device-error.js";

let initialised: Promise<jax.Device> | undefined;

/**
 * Initialise the jax-js backend once and make it the default device.
 * `preferred` is tried first (e.g. "webgpu" in a browser); wasm is the fallback everywhere.
 */
export function initEngine(preferred: jax.Device = "wasm"): Promise<jax.Device> {
  initialised ??= (async () => {
    const available = await jax.init(...new Set<jax.Device>([preferred, "wasm"]));
    const device = available.includes(preferred) ? preferred : "wasm";
    if (!available.includes(device)) {
      throw new Error(`jax-js could not initialise the ${device} backend (available: ${available.join(", ") || "none"})`);
    }
    jax.defaultDevice(device);
    return device;
  })();
  return initialised;
}
