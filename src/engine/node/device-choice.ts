/**
 * Which device a run asks for: `wasm` (jax-js's wasm kernels on the CPU), `webgpu` (jax-js's WebGPU
 * backend through Dawn's Node bindings, the `webgpu` package) or `auto` (a hardware GPU adapter
 * when there is one, else wasm). Set by `--device` or `LRKIT_DEVICE`; wasm by default.
 */
import { DeviceError } from "../index.js";

export const deviceChoices = ["wasm", "webgpu", "auto"] as const;
export type DeviceChoice = (typeof deviceChoices)[number];

/** The choice `value` (default `LRKIT_DEVICE`) names; throws a DeviceError naming `name` when it is none of them. */
export function parseDeviceChoice(value = process.env.LRKIT_DEVICE, name = "LRKIT_DEVICE"): DeviceChoice {
  if (value === undefined || value.trim() === "") return "wasm";
  const choice = value.trim().toLowerCase();
  if ((deviceChoices as readonly string[]).includes(choice)) return choice as DeviceChoice;
  throw new DeviceError(`${name} must be one of ${deviceChoices.join(", ")}; got "${value}"`);
}
