/**
 * Test support: counts the device buffers jax-js holds alive, to catch leaks.
 *
 * jax-js exposes no live-array count, so this wraps the backend's reference counting. The
 * backend object comes from jax-js's internal chunk (its `getBackend`), found by function name
 * because the chunk's export names are minified; the count is therefore a test-only tool for
 * the pinned jax-js version.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

interface Backend {
  malloc(size: number, initialData?: Uint8Array): number;
  incRef(slot: number): void;
  decRef(slot: number): void;
}

export interface LiveBuffers {
  /** Buffers alive now. */
  count(): number;
  /**
   * Buffers alive once the count stops changing (checked every 10 ms, for at most 2 s): kernels
   * sent to jax-js's worker pool hold their buffers until a worker has run them, so right after an
   * `await` some of them are still held.
   */
  settledCount(): Promise<number>;
}

/** A counter of live buffers on the wasm backend, from the moment it is created. */
export async function trackLiveBuffers(): Promise<LiveBuffers> {
  const dist = dirname(createRequire(import.meta.url).resolve("@jax-js/jax"));
  let getBackend: ((device: string) => Backend) | undefined;
  for (const file of readdirSync(dist).filter((f) => /^backend-.*\.js$/.test(f))) {
    const chunk = (await import(pathToFileURL(join(dist, file)).href)) as Record<string, unknown>;
    getBackend ??= Object.values(chunk).find((v): v is (device: string) => Backend => typeof v === "function" && v.name === "getBackend");
  }
  if (!getBackend) throw new Error("cannot find jax-js's getBackend to count live buffers");
  const backend = getBackend("wasm");
  const refs = new Map<number, number>();
  const { malloc, incRef, decRef } = backend;
  backend.malloc = (size, initialData) => {
    const slot = malloc.call(backend, size, initialData);
    refs.set(slot, 1);
    return slot;
  };
  backend.incRef = (slot) => {
    incRef.call(backend, slot);
    if (refs.has(slot)) refs.set(slot, refs.get(slot)! + 1);
  };
  backend.decRef = (slot) => {
    decRef.call(backend, slot);
    const n = refs.get(slot);
    if (n === undefined) return;
    if (n <= 1) refs.delete(slot);
    else refs.set(slot, n - 1);
  };
  return {
    count: () => refs.size,
    async settledCount() {
      let previous = -1;
      for (let tick = 0; tick < 200 && refs.size !== previous; tick++) {
        previous = refs.size;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return refs.size;
    },
  };
}
