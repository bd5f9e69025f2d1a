import { describe, expect, it } from "vitest";
import { parseDeviceChoice } from "./device-choice.js";
import { describeAdapter, isSoftwareAdapter } from "./software-adapter.js";

describe("parseDeviceChoice", () => {
  it("defaults to wasm and reads wasm, webgpu and auto in any case", () => {
    expect(parseDeviceChoice(undefined)).toBe("wasm");
    expect(parseDeviceChoice(" ")).toBe("wasm");
    expect(parseDeviceChoice("webgpu")).toBe("webgpu");
    expect(parseDeviceChoice("AUTO")).toBe("auto");
  });

  it("names the variable, the value and the choices otherwise", () => {
    expect(() => parseDeviceChoice("gpu")).toThrow('LRKIT_DEVICE must be one of wasm, webgpu, auto; got "gpu"');
  });
});

describe("isSoftwareAdapter", () => {
  it("passes over SwiftShader, llvmpipe and WARP but not a hardware GPU", () => {
    expect(isSoftwareAdapter({ vendor: "google", architecture: "swiftshader", description: "SwiftShader driver 5.0.0", isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ vendor: "google", architecture: "swiftshader" })).toBe(true);
    expect(isSoftwareAdapter({ vendor: "mesa", description: "llvmpipe (LLVM 15.0.6, 256 bits)" })).toBe(true);
    expect(isSoftwareAdapter({ vendor: "microsoft", description: "Microsoft Basic Render Driver" })).toBe(true);
    expect(isSoftwareAdapter({ vendor: "nvidia", architecture: "hopper", description: "NVIDIA H200", isFallbackAdapter: false })).toBe(false);
  });

  it("describes an adapter by vendor, architecture and driver", () => {
    expect(describeAdapter({ vendor: "nvidia", architecture: "hopper", description: "NVIDIA H200" })).toBe("nvidia hopper (NVIDIA H200)");
    expect(describeAdapter({})).toBe("unknown adapter");
  });
});
