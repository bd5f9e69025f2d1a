/**
 * Puts jax-js on the device a run asked for (`DeviceChoice`) and makes it the default for every
 * array made afterwards, so call it before loading data or building a model.
 *
 * WebGPU in Node comes from Dawn's Node bindings (the optional `webgpu` package, a prebuilt
 * `dawn.node`): its globals (`GPUBufferUsage`, …) go on `globalThis` and its `GPU` becomes
 * `navigator.gpu`, beside the `userAgent` and `hardwareConcurrency` jax-js reads. `webgpu` with
 * no usable adapter throws a DeviceError saying what is missing (the package, the Vulkan loader or
 * driver, an adapter); it never falls back to wasm. `auto` takes WebGPU only on a hardware adapter.
 * `releaseDevice` lets go of Dawn so that the process can exit.
 */
import { availableParallelism } from "node:os";
import { DeviceError, initEngine, jax } from "../index.js";
import type { DeviceChoice } from "./device-choice.js";
import { describeAdapter, isSoftwareAdapter } from "./software-adapter.js";
import { missingVulkan } from "./vulkan-setup.js";

export interface DeviceInUse {
  device: "wasm" | "webgpu";
  /** The WebGPU adapter, in a few words, when the device is webgpu. */
  adapter?: string;
}

interface Dawn {
  gpu: GPU;
  navigator: PropertyDescriptor | undefined;
}

let dawn: Dawn | undefined;
let inUse: DeviceInUse | undefined;

/** Initialises `choice` (once: a later call with another choice keeps the first) and makes it jax-js's default device; `where` starts its errors. */
export async function useDevice(choice: DeviceChoice, where = `--device ${choice}`): Promise<DeviceInUse> {
  await initEngine("wasm");
  if (inUse) return inUse;
  inUse = choice === "wasm" ? { device: "wasm" } : await startWebgpu(choice, where);
  jax.defaultDevice(inUse.device);
  return inUse;
}

/** Destroys the WebGPU device and lets go of Dawn, so nothing holds the process open; jax-js is back on wasm. */
export function releaseDevice(): void {
  if (inUse?.device === "webgpu") {
    jax.defaultDevice("wasm");
    jax.getWebGPUDevice().destroy();
  }
  inUse = undefined;
  if (!dawn) return;
  if (dawn.navigator) Object.defineProperty(globalThis, "navigator", dawn.navigator);
  else delete (globalThis as { navigator?: unknown }).navigator;
  dawn = undefined;
}

async function startWebgpu(choice: "webgpu" | "auto", where: string): Promise<DeviceInUse> {
  const unavailable = (what: string): DeviceInUse => {
    if (choice === "auto") return { device: "wasm" };
    throw new DeviceError(`${where}: ${what}; or use --device wasm`);
  };
  const vulkan = process.platform === "linux" ? missingVulkan() : undefined;
  if (vulkan) return unavailable(vulkan);
  let bindings: typeof import("webgpu");
  try {
    bindings = await import("webgpu");
  } catch (error) {
    return unavailable(`Dawn's Node bindings, the optional package webgpu, did not load (${(error as Error).message.split("\n")[0]}): npm install webgpu`);
  }
  Object.assign(globalThis, bindings.globals);
  const gpu = bindings.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (!adapter) return unavailable("Dawn found no WebGPU adapter (no Vulkan device it accepts: Mesa's lavapipe is refused; vulkaninfo lists the devices)");
  const info = adapter.info;
  if (choice === "auto" && isSoftwareAdapter(info)) return { device: "wasm" };
  const own = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  const previous = (globalThis as { navigator?: { userAgent?: string; hardwareConcurrency?: number } }).navigator;
  const navigator = { gpu, userAgent: previous?.userAgent ?? `Node.js/${process.version}`, hardwareConcurrency: previous?.hardwareConcurrency ?? availableParallelism() };
  Object.defineProperty(globalThis, "navigator", { value: navigator, configurable: true, writable: true });
  dawn = { gpu, navigator: own };
  const available = await jax.init("webgpu");
  if (!available.includes("webgpu")) {
    releaseDevice();
    return unavailable(`jax-js could not open a WebGPU device on ${describeAdapter(info)}`);
  }
  return { device: "webgpu", adapter: describeAdapter(info) };
}
