/**
 * Whether a WebGPU adapter is a software rasteriser on the CPU (SwiftShader, llvmpipe/lavapipe,
 * WARP): such an adapter is correct but far slower than jax-js's wasm kernels, so `auto` passes
 * it over (an explicit `webgpu` still uses it, which is how CI tests WebGPU).
 */
export interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

const softwareNames = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

export function isSoftwareAdapter(info: AdapterInfo): boolean {
  if (info.isFallbackAdapter) return true;
  return [info.vendor, info.architecture, info.device, info.description].some((field) => field !== undefined && softwareNames.test(field));
}

/** The adapter in a few words: "nvidia ampere (NVIDIA GeForce RTX 3080)". */
export function describeAdapter(info: AdapterInfo): string {
  const name = [info.vendor, info.architecture].filter((part) => part).join(" ") || "unknown adapter";
  return info.description ? `${name} (${info.description})` : name;
}
