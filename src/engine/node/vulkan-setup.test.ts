import { describe, expect, it } from "vitest";
import { missingVulkan, type VulkanProbe } from "./vulkan-setup.js";

/** A machine with these files (a path ending in `/` is a folder of manifests) and this linker cache. */
function machine(env: Record<string, string>, files: string[], cache = ""): VulkanProbe {
  return {
    env: { HOME: "/home/u", ...env },
    exists: (path) => files.includes(path),
    manifests: (folder) => files.filter((file) => file.startsWith(`${folder}/`) && file.endsWith(".json")),
    linkerCache: () => cache,
  };
}

const cached = "\tlibvulkan.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libvulkan.so.1\n";

describe("missingVulkan", () => {
  it("names the loader when neither LD_LIBRARY_PATH nor the linker cache has it", () => {
    expect(missingVulkan(machine({}, ["/usr/share/vulkan/icd.d/nvidia_icd.json"]))).toMatch(/^the Vulkan loader libvulkan\.so\.1 is not installed \(Debian\/Ubuntu: apt install libvulkan1/);
  });

  it("finds the loader in LD_LIBRARY_PATH or the cache, and a driver in the loader's folders", () => {
    expect(missingVulkan(machine({}, ["/usr/share/vulkan/icd.d/nvidia_icd.json"], cached))).toBeUndefined();
    expect(missingVulkan(machine({ LD_LIBRARY_PATH: "/opt/x:/usr/lib/chromium" }, ["/usr/lib/chromium/libvulkan.so.1", "/etc/vulkan/icd.d/radeon.json"]))).toBeUndefined();
    expect(missingVulkan(machine({ XDG_DATA_HOME: "/data" }, ["/data/vulkan/icd.d/intel.json"], cached))).toBeUndefined();
  });

  it("says no driver is installed, listing where it looked", () => {
    const message = missingVulkan(machine({}, [], cached));
    expect(message).toMatch(/^no Vulkan driver \(ICD\) is installed: no manifest in \/home\/u\/\.config\/vulkan\/icd\.d, \/etc\/xdg\/vulkan\/icd\.d, \/etc\/vulkan\/icd\.d, /);
    expect(message).toContain("/usr/share/vulkan/icd.d");
  });

  it("checks the manifests VK_ICD_FILENAMES or VK_DRIVER_FILES name instead of the folders", () => {
    const swiftshader = "/usr/lib/chromium/vk_swiftshader_icd.json";
    expect(missingVulkan(machine({ VK_ICD_FILENAMES: swiftshader }, [swiftshader], cached))).toBeUndefined();
    expect(missingVulkan(machine({ VK_ICD_FILENAMES: "/nope.json" }, ["/usr/share/vulkan/icd.d/nvidia_icd.json"], cached))).toBe('no Vulkan driver: VK_ICD_FILENAMES="/nope.json" names no file that exists');
    expect(missingVulkan(machine({ VK_DRIVER_FILES: "/a.json:/b.json" }, ["/b.json"], cached))).toBeUndefined();
  });
});
