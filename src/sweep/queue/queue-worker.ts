/**
 * A queue worker (`lrkit worker`): takes trials from the one queue that every sweep on its Redis
 * shares and trains them, `concurrency` at a time, each in a worker thread of its own (so this
 * thread stays free to keep BullMQ's job locks alive), with the normal trainer and data from its
 * own disk. It is one BullMQ worker of that concurrency, so it locks no more jobs than it runs: a
 * waiting trial goes to whichever worker has a free slot, whatever sweep it belongs to.
 *
 * A job whose generation is no longer its sweep's current one (its coordinator started over, or
 * the sweep finished) is dropped untrained. The trial's run writes and ASHA questions go to the
 * sweep's stream (`queue-messages.ts`); at a rung the trial waits for the coordinator's answer,
 * and stops if its generation stops being current. A job from an lrkit of another version fails
 * with that message.
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
import { answerKey, generationKey, trialsQueue, writesKey } from "./queue-keys.js";
import type { JobResult, StreamMessage, TrialJob } from "./queue-messages.js";

export interface QueueWorkerOptions {
  concurrency: number;
  dataDir?: string;
  /** The device the trial threads train on (default wasm). */
  device?: "wasm" | "webgpu";
  /** Stop once no job has waited on the queue and none has run here for `idleSeconds` (default: run until closed). */
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

type TrialJobOf = Job<TrialJob, JobResult | null>;

interface Sending {
  job: TrialJobOf;
  /** The trial's run, once its first write created it. */
  runId?: string;
  last?: Promise<string | null>;
}

const pollMs = 1000;

/** XADD of ARGV[2] to the stream KEYS[2] if the generation at KEYS[1] is ARGV[1]: its stream id, or nil. */
const sendIfCurrent = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("XADD", KEYS[2], "*", "m", ARGV[2]) end return false`;

export function startQueueWorker(redis: Redis, options: QueueWorkerOptions): QueueWorker {
  const version = options.version ?? LRKIT_VERSION;
  const lockMs = options.lockMs ?? 10_000;
  const sending = new Map<TrialTask, Sending>();
  const isCurrent = async (job: TrialJobOf) => (await redis.get(generationKey(job.data.task.sweepId))) === job.data.generation;
  const send = (job: TrialJobOf, message: Omit<StreamMessage, "generation">) => {
    const { generation, task } = job.data;
    return redis.eval(sendIfCurrent, 2, generationKey(task.sweepId), writesKey(task.sweepId), generation, toJson({ generation, ...message })) as Promise<string | null>;
  };
  const pool: TrialExecutor = workerPool({
    size: options.concurrency,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.device === undefined ? {} : { device: options.device }),
    ...(options.script === undefined ? {} : { script: options.script }),
    onWrite: (write, task) => {
      const current = sending.get(task);
      if (!current) return;
      if (write.op === "create") current.runId = write.runId;
      current.last = send(current.job, { write });
    },
  });

  let running = 0;
  const runJob = async (job: TrialJobOf): Promise<JobResult | null> => {
    const { task } = job.data;
    running++;
    const asker = redis.duplicate();
    try {
      if (!(await isCurrent(job))) return null;
      if (job.data.version !== version) {
        throw new Error(`this worker runs lrkit ${version} and the sweep's coordinator lrkit ${job.data.version}; run the same version on both`);
      }
      const current: Sending = { job };
      sending.set(task, current);
      options.onTrialStart?.(task);
      const decide = async (epoch: number, value: number): Promise<Decision> => {
        const runId = current.runId!;
        current.last = send(job, { ask: { runId, key: task.key, epoch, value } });
        for (;;) {
          const answer = await asker.brpop(answerKey(task.sweepId, runId, epoch), 5);
          if (answer) return answer[1] as Decision;
          if (!(await isCurrent(job))) return "stop";
        }
      };
      const outcome = await pool.run(task, decide);
      const lastMessage = await current.last;
      options.onTrialEnd?.(outcome);
      return { outcome, ...(lastMessage ? { lastMessage } : {}) };
    } finally {
      sending.delete(task);
      asker.disconnect();
      running--;
    }
  };

  const worker = new Worker<TrialJob, JobResult | null>(trialsQueue, runJob, {
    connection: redis,
    concurrency: options.concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs / 2,
    maxStalledCount: 1,
  });
  worker.on("error", () => undefined);

  const queue = new Queue(trialsQueue, { connection: redis });
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let timer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearTimeout(timer);
      await worker.close();
      await queue.close();
      await pool.close();
      stop();
    })());
  const { idleSeconds } = options;
  if (idleSeconds !== undefined) {
    let lastBusy = Date.now();
    const tick = async () => {
      const waiting = await queue.getJobCountByTypes("wait", "prioritized", "delayed").catch(() => 1);
      if (running > 0 || waiting > 0) lastBusy = Date.now();
      if (closing) return;
      if (Date.now() - lastBusy > idleSeconds * 1000) await close();
      else timer = setTimeout(() => void tick(), pollMs);
    };
    void tick();
  }
  return { stopped, close };
}
