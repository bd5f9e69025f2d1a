/** The engine's Node-only part: choosing the device (wasm, or WebGPU through Dawn) for a run. */
export { deviceChoices, parseDeviceChoice, type DeviceChoice } from "./device-choice.js";
export { useDevice, releaseDevice, type DeviceInUse } from "./use-device.js";
export { missingVulkan, type VulkanProbe } from "./vulkan-setup.js";
export { isSoftwareAdapter, describeAdapter, type AdapterInfo } from "./software-adapter.js";
