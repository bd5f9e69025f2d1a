/**
 * Trials in parallel worker threads (`node:worker_threads`), one trial per thread at a time. Each
 * thread runs `worker.js` beside this module (in the built `dist/`), so it has its own jax-js
 * engine, dataset cache and run store connection; the main thread only hands out trials and
 * answers ASHA's questions. A thread that dies in a trial (a crash, not an error the trial throws —
 * those are recorded by the trial) is replaced, and its trial comes back as failed and unrecorded.
 * Without a `storePath` the threads hand their store writes to `onWrite` (a queue worker relays them).
 */
import { Worker } from "node:worker_threads";
import type { Decide } from "./asha-callback.js";
import type { TrialExecutor } from "./executor.js";
import type { FromWorker, ToWorker, WorkerSetup } from "./messages.js";
import type { RunWrite } from "./queue/run-writes.js";
import { failedOutcome, type TrialOutcome, type TrialTask } from "./run-trial.js";

export interface WorkerPoolOptions extends WorkerSetup {
  size: number;
  /** The worker module; default `worker.js` next to this file (so run from `dist/`). */
  script?: URL;
  /** Takes the threads' store writes when there is no `storePath`, with the trial that made each. */
  onWrite?: (write: RunWrite, task: TrialTask) => void;
}

export function workerPool(options: WorkerPoolOptions): TrialExecutor {
  const script = options.script ?? new URL("./worker.js", import.meta.url);
  const setup: WorkerSetup = {
    ...(options.storePath === undefined ? {} : { storePath: options.storePath }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.device === undefined ? {} : { device: options.device }),
  };
  const newThread = () => new TrialThread(script, setup, options.onWrite);
  const idle = Array.from({ length: options.size }, newThread);
  const all = new Set(idle);
  return {
    slots: options.size,
    async run(task, decide) {
      const thread = idle.pop();
      if (!thread) throw new Error(`workerPool: more than ${options.size} trials in flight`);
      const outcome = await thread.run(task, decide);
      if (outcome.recorded) {
        idle.push(thread);
      } else {
        all.delete(thread);
        const fresh = newThread();
        all.add(fresh);
        idle.push(fresh);
      }
      return outcome;
    },
    async close() {
      await Promise.all([...all].map((thread) => thread.close()));
    },
  };
}

interface Current {
  task: TrialTask;
  decide: Decide;
  runId?: string;
  started: number;
  resolve(outcome: TrialOutcome): void;
}

class TrialThread {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private current: Current | undefined;
  private lastError: Error | undefined;
  private exited = false;
  private onClosed: (() => void) | undefined;

  constructor(
    script: URL,
    setup: WorkerSetup,
    private readonly onWrite: WorkerPoolOptions["onWrite"],
  ) {
    this.worker = new Worker(script, { workerData: setup });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on("message", (message: FromWorker) => (message.type === "ready" ? resolve() : this.receive(message)));
      this.worker.on("error", (error) => (this.lastError = error));
      this.worker.on("exit", (code) => {
        this.exited = true;
        const why = this.lastError ? this.lastError.message : `it exited with code ${code}`;
        reject(new Error(`a sweep worker thread (${script.pathname}) could not start: ${why}`));
        this.lost(why);
        this.onClosed?.();
      });
    });
    this.ready.catch(() => undefined);
  }

  async run(task: TrialTask, decide: Decide): Promise<TrialOutcome> {
    await this.ready;
    return new Promise((resolve) => {
      this.current = { task, decide, started: performance.now(), resolve };
      if (this.exited) this.lost(this.lastError?.message ?? "it had exited");
      else this.send({ type: "trial", task });
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const ready = await this.ready.then(
      () => true,
      () => false,
    );
    if (ready && !this.exited) {
      await new Promise<void>((resolve) => {
        this.onClosed = resolve;
        this.send({ type: "close" });
      });
    }
    await this.worker.terminate();
  }

  private receive(message: FromWorker): void {
    const current = this.current;
    switch (message.type) {
      case "started":
        if (current) current.runId = message.runId;
        return;
      case "epoch":
        if (current) void Promise.resolve(current.decide(message.epoch, message.value)).then((decision) => this.send({ type: "decision", decision }));
        return;
      case "write":
        if (current) this.onWrite?.(message.write, current.task);
        return;
      case "done":
        this.current = undefined;
        current?.resolve(message.outcome);
        return;
      case "closed":
        this.onClosed?.();
        return;
      case "ready":
        return;
    }
  }

  private lost(why: string): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    current.resolve(
      failedOutcome(current.task, { runId: current.runId, seconds: (performance.now() - current.started) / 1000, error: `the worker thread running this trial died: ${why}`, recorded: false }),
    );
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
