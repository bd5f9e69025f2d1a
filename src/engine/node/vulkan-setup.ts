/**
 * What a Linux machine lacks for Dawn's Vulkan backend, checked before Dawn loads so that a
 * missing piece is one clear sentence (Dawn itself only prints warnings and finds no adapter):
 *
 * 1. the Vulkan loader `libvulkan.so.1` (Debian/Ubuntu: `libvulkan1`), found by the dynamic
 *    linker through `LD_LIBRARY_PATH` or its cache (`ldconfig -p`);
 * 2. a driver (an ICD, a JSON manifest): the files `VK_ICD_FILENAMES` / `VK_DRIVER_FILES` name,
 *    else a manifest in one of the loader's search folders (`…/vulkan/icd.d` under the XDG config
 *    and data folders, `/etc` and `/usr/share`).
 *
 * macOS (Metal) and Windows (D3D12) need neither.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** How the check sees the machine (the real one by default; tests pass their own). */
export interface VulkanProbe {
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  /** The `.json` files in `folder` (none when it does not exist). */
  manifests(folder: string): string[];
  /** The dynamic linker's cache (`ldconfig -p`), "" when it cannot be read. */
  linkerCache(): string;
}

const loader = "libvulkan.so.1";

/** One sentence saying what is missing, or undefined when the loader and a driver are there. */
export function missingVulkan(probe: VulkanProbe = machineProbe()): string | undefined {
  const { env } = probe;
  const libraryDirs = (env.LD_LIBRARY_PATH ?? "").split(":").filter((dir) => dir);
  if (!libraryDirs.some((dir) => probe.exists(join(dir, loader))) && !probe.linkerCache().includes(loader)) {
    return `the Vulkan loader ${loader} is not installed (Debian/Ubuntu: apt install libvulkan1; or put its folder in LD_LIBRARY_PATH)`;
  }
  const named = env.VK_DRIVER_FILES ?? env.VK_ICD_FILENAMES;
  if (named !== undefined && named !== "") {
    const variable = env.VK_DRIVER_FILES !== undefined ? "VK_DRIVER_FILES" : "VK_ICD_FILENAMES";
    if (!named.split(":").some((path) => path && probe.exists(path))) return `no Vulkan driver: ${variable}="${named}" names no file that exists`;
    return undefined;
  }
  const folders = driverFolders(env);
  if (!folders.some((folder) => probe.manifests(folder).length > 0)) {
    return `no Vulkan driver (ICD) is installed: no manifest in ${folders.join(", ")} (install the GPU's Vulkan driver, or name its manifest in VK_ICD_FILENAMES)`;
  }
  return undefined;
}

/** The folders the Vulkan loader searches for driver manifests on Linux, in its order. */
function driverFolders(env: Record<string, string | undefined>): string[] {
  const home = env.HOME ?? homedir();
  const config = [env.XDG_CONFIG_HOME ?? join(home, ".config"), ...(env.XDG_CONFIG_DIRS ?? "/etc/xdg").split(":"), "/etc"];
  const data = [env.XDG_DATA_HOME ?? join(home, ".local/share"), ...(env.XDG_DATA_DIRS ?? "/usr/local/share:/usr/share").split(":")];
  return [...new Set([...config, ...data].filter((dir) => dir).map((dir) => join(dir, "vulkan/icd.d")))];
}

function machineProbe(): VulkanProbe {
  return {
    env: process.env,
    exists: existsSync,
    manifests(folder) {
      try {
        return readdirSync(folder).filter((name) => name.endsWith(".json"));
      } catch {
        return [];
      }
    },
    linkerCache() {
      for (const ldconfig of ["/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"]) {
        try {
          return execFileSync(ldconfig, ["-p"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        } catch {
          continue;
        }
      }
      return "";
    },
  };
}
