/**
 * Lets jax-js run its wasm kernels on several cores in Node.
 *
 * jax-js splits each wasm kernel over a pool of Web Workers sharing one `WebAssembly.Memory` when
 * the runtime has `Worker` and `SharedArrayBuffer` (a cross-origin-isolated browser). Node has no
 * `Worker` global, so there every kernel runs on the calling thread. This module gives Node a
 * `Worker` built on `worker_threads` and sizes jax-js's pool, which jax-js creates once, when its
 * module is evaluated; so this module must be imported before anything else imports jax-js, and it
 * loads jax-js itself.
 *
 * Threads: `LRKIT_THREADS` (a whole number ≥ 1; 1 leaves the pool out; the CLI's `--threads` sets
 * it), by default `os.availableParallelism()`. Only the main thread gets a pool: sweep trials already run one per
 * worker thread. A pool costs nothing until an array is read asynchronously (`await a.data()`);
 * the trainer decides per run whether its steps use it (see train/kernel-placement.ts).
 */
import { resolveObjectURL } from "node:buffer";
import { Worker as ThreadWorker, isMainThread } from "node:worker_threads";
import { requestedThreads } from "./thread-count.js";

/**
 * What runs in each thread before jax-js's worker script: the Web Worker globals that script uses
 * (`self`, `self.onmessage`, `postMessage`), and a queue for the messages that arrive before the
 * script itself does (its source is read from a blob URL, which is asynchronous).
 */
const bootstrap = `
const { parentPort } = require("node:worker_threads");
globalThis.self = globalThis;
globalThis.postMessage = (data) => parentPort.postMessage(data);
const early = [];
let started = false;
parentPort.on("message", (data) => {
  if (started) return self.onmessage({ data });
  if (data && typeof data.lrkitWorkerSource === "string") {
    (0, eval)(data.lrkitWorkerSource);
    started = true;
    for (const queued of early.splice(0)) self.onmessage({ data: queued });
  } else early.push(data);
});`;

/**
 * The part of the Web Worker interface jax-js uses, on a `worker_threads` thread. The thread keeps
 * the process alive only while it owes a reply (jax-js sends one message and waits for its answer),
 * so an idle pool never holds a finished program open.
 */
class NodeWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  readonly #thread = new ThreadWorker(bootstrap, { eval: true });

  constructor(url: string | URL) {
    this.#thread.unref();
    this.#thread.on("message", (data: unknown) => {
      this.#thread.unref();
      this.onmessage?.({ data });
    });
    this.#thread.on("error", (error: Error) => this.onerror?.({ message: error.message }));
    const blob = resolveObjectURL(String(url));
    if (!blob) throw new Error(`lrkit worker threads: ${String(url)} is not a blob URL made in this process`);
    void blob.text().then((source) => this.#thread.postMessage({ lrkitWorkerSource: source }));
  }

  postMessage(data: unknown): void {
    this.#thread.ref();
    this.#thread.postMessage(data);
  }

  terminate(): void {
    void this.#thread.terminate();
  }
}

/** The size of jax-js's kernel pool in this process (1: no pool). */
export const kernelThreads = isMainThread ? requestedThreads() : 1;

const globals = globalThis as { Worker?: unknown; navigator?: { hardwareConcurrency?: number } };
if (kernelThreads > 1 && globals.Worker === undefined) {
  globals.Worker = NodeWorker;
  const own = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  Object.defineProperty(globalThis, "navigator", { value: { hardwareConcurrency: kernelThreads }, configurable: true, writable: true });
  try {
    await import("./float16.js");
    await import("@jax-js/jax");
  } finally {
    if (own) Object.defineProperty(globalThis, "navigator", own);
    else delete globals.navigator;
  }
}
