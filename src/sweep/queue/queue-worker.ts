/**
 * A queue worker (`lrkit worker`): takes trials from every sweep on offer on its Redis and trains
 * them, `concurrency` at a time, each in a worker thread of its own (so this thread stays free to
 * keep BullMQ's job locks alive), with the normal trainer and data from its own disk. The
 * trial's run writes and ASHA questions go to the sweep's stream (`queue-messages.ts`); at a rung
 * the trial waits for the coordinator's answer (stopping if its job is gone: the coordinator
 * started over). A job from an lrkit of another version fails with that message.
 *
 * Jobs are locked for `lockMs` and the lock renewed while the trial runs; a worker that dies
 * leaves its job locked until then, and the next stalled-job check of any worker (every
 * `lockMs`/2) puts it back on the queue, once (a job that stalls twice fails).
 * Trials restart from their first epoch: no checkpoints are kept in Redis.
 */
import { Queue, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { toJson } from "../../store/index.js";
import { LRKIT_VERSION } from "../../version.js";
import type { Decision } from "../asha.js";
import type { TrialExecutor } from "../executor.js";
import type { TrialOutcome, TrialTask } from "../run-trial.js";
import { workerPool } from "../worker-pool.js";
import { answerKey, queueName, sweepsKey, writesKey } from "./queue-keys.js";
import type { JobResult, StreamMessage, TrialJob } from "./queue-messages.js";

export interface QueueWorkerOptions {
  concurrency: number;
  dataDir?: string;
  /** The device the trial threads train on (default wasm). */
  device?: "wasm" | "webgpu";
  /** Stop once no trial has run or waited for `idleSeconds` (default: run until closed). */
  idleSeconds?: number;
  /** The thread module (default `worker.js` of `dist/sweep`). */
  script?: URL;
  /** The version this worker runs trials for (default this lrkit's). */
  version?: string;
  lockMs?: number;
  onTrialStart?: (task: TrialTask) => void;
  onTrialEnd?: (outcome: TrialOutcome) => void;
}

export interface QueueWorker {
  /** Resolves when the worker stopped (closed, or idle). */
  readonly stopped: Promise<void>;
  close(): Promise<void>;
}

interface Sending {
  job: Job<TrialJob, JobResult>;
  /** The trial's run, once its first write created it. */
  runId?: string;
  last?: Promise<string | null>;
}

interface Offer {
  worker: Worker<TrialJob, JobResult>;
  queue: Queue<TrialJob, JobResult>;
}

const pollMs = 1000;

export function startQueueWorker(redis: Redis, options: QueueWorkerOptions): QueueWorker {
  const version = options.version ?? LRKIT_VERSION;
  const lockMs = options.lockMs ?? 10_000;
  const sending = new Map<string, Sending>();
  const sendKey = (task: TrialTask) => `${task.sweepId} ${task.key}`;
  const send = (job: Job<TrialJob, JobResult>, message: Omit<StreamMessage, "generation">) =>
    redis.xadd(writesKey(job.data.task.sweepId), "*", "m", toJson({ generation: job.data.generation, ...message }));
  const pool: TrialExecutor = workerPool({
    size: options.concurrency,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.device === undefined ? {} : { device: options.device }),
    ...(options.script === undefined ? {} : { script: options.script }),
    onWrite: (write, task) => {
      const current = sending.get(sendKey(task));
      if (!current) return;
      if (write.op === "create") current.runId = write.runId;
      current.last = send(current.job, { write });
    },
  });
  const free: (() => void)[] = [];
  let slots = options.concurrency;
  const acquire = () => (slots > 0 ? (slots--, Promise.resolve()) : new Promise<void>((resolve) => free.push(resolve)));
  const release = () => {
    const next = free.shift();
    if (next) next();
    else slots++;
  };

  const runJob = async (job: Job<TrialJob, JobResult>): Promise<JobResult> => {
    const { task } = job.data;
    if (job.data.version !== version) {
      throw new Error(`this worker runs lrkit ${version} and the sweep's coordinator lrkit ${job.data.version}; run the same version on both`);
    }
    await acquire();
    const current: Sending = { job };
    sending.set(sendKey(task), current);
    const asker = redis.duplicate();
    try {
      options.onTrialStart?.(task);
      const decide = async (epoch: number, value: number): Promise<Decision> => {
        const runId = current.runId!;
        current.last = send(job, { ask: { runId, key: task.key, epoch, value } });
        for (;;) {
          const answer = await asker.brpop(answerKey(task.sweepId, runId, epoch), 5);
          if (answer) return answer[1] as Decision;
          if ((await job.getState()) !== "active") return "stop";
        }
      };
      const outcome = await pool.run(task, decide);
      const lastMessage = await current.last;
      options.onTrialEnd?.(outcome);
      return { outcome, ...(lastMessage ? { lastMessage } : {}) };
    } finally {
      sending.delete(sendKey(task));
      asker.disconnect();
      release();
    }
  };

  const offers = new Map<string, Offer>();
  let lastBusy = Date.now();
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const watch = async () => {
    const offered = new Set(await redis.smembers(sweepsKey));
    for (const sweepId of offered) {
      if (offers.has(sweepId) || closing) continue;
      const worker = new Worker<TrialJob, JobResult>(queueName(sweepId), runJob, { connection: redis, concurrency: options.concurrency, lockDuration: lockMs, stalledInterval: lockMs / 2, maxStalledCount: 1 });
      worker.on("error", () => undefined);
      offers.set(sweepId, { worker, queue: new Queue(queueName(sweepId), { connection: redis }) });
    }
    for (const [sweepId, offer] of offers) {
      if (!offered.has(sweepId) && sending.size === 0) {
        offers.delete(sweepId);
        await closeOffer(offer);
      }
    }
    const counts = await Promise.all([...offers.values()].map((offer) => offer.queue.getJobCountByTypes("wait", "prioritized", "delayed")));
    if (sending.size > 0 || counts.some((n) => n > 0)) lastBusy = Date.now();
    return options.idleSeconds !== undefined && Date.now() - lastBusy > options.idleSeconds * 1000;
  };
  let timer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  const tick = async () => {
    const idle = await watch().catch(() => false);
    if (closing) return;
    if (idle) await close();
    else timer = setTimeout(() => void tick(), pollMs);
  };
  const close = () =>
    (closing ??= (async () => {
      clearTimeout(timer);
      await Promise.all([...offers.values()].map(closeOffer));
      await pool.close();
      stop();
    })());
  void tick();
  return { stopped, close };
}

async function closeOffer(offer: Offer): Promise<void> {
  await offer.worker.close();
  await offer.queue.close();
}
