/**
 * `--device wasm|webgpu|auto` on every command that trains, and `LRKIT_DEVICE` when the flag is
 * absent (default wasm). The device starts before the command loads data, so every array is made on it.
 */
import { Option } from "commander";
import { deviceChoices, parseDeviceChoice, useDevice, type DeviceChoice, type DeviceInUse } from "../engine/node/index.js";

export function deviceOption(): Option {
  return new Option("--device <device>", "where jax-js computes: wasm (CPU), webgpu (a GPU through Dawn's Node bindings) or auto (a hardware GPU, else wasm); default $LRKIT_DEVICE, then wasm").choices(deviceChoices);
}

/** Starts the device the flag (or else `LRKIT_DEVICE`) asks for; throws a DeviceError naming which one asked. */
export function startDevice(flag: DeviceChoice | undefined): Promise<DeviceInUse> {
  if (flag !== undefined) return useDevice(flag, `--device ${flag}`);
  const choice = parseDeviceChoice();
  return useDevice(choice, `LRKIT_DEVICE=${choice}`);
}
