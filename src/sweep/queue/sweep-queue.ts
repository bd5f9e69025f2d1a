/**
 * The coordinator's side of a sweep on a queue: each trial becomes a job on the queue that all
 * sweeps on the Redis share, any worker there takes it, and its run comes back over the sweep's
 * stream into this process's run store (so `lrkit dash` here follows it live). ASHA stays here: a
 * worker asks at each rung and waits for the answer.
 *
 * Opening the sweep first applies whatever its stream holds (what workers wrote while no
 * coordinator ran: a restarted coordinator keeps the trials they finished), then makes a new
 * generation the sweep's current one and removes the jobs earlier generations left waiting. From
 * then on only this generation's messages count and land: a trial of the dead coordinator that is
 * still running elsewhere is not recorded twice (its run stays interrupted, and the trial is
 * queued again under a job id of this generation), a waiting one is dropped by the worker that
 * takes it, and one at an ASHA rung stops. A trial whose worker died (SIGKILL, a lost machine) is
 * handed to another worker by BullMQ's stalled-job check; when the new attempt's run is created,
 * the dead attempt's run is marked failed ("interrupted"), as a resumed local sweep marks the runs
 * of a dead process: a trial has one completed run.
 *
 * Finished jobs stay in Redis for a while after their result came back (`keepSeconds`), for a
 * coordinator that asks late; `finish` removes the sweep's jobs, stream and generation at once.
 */
import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { fromJson, newId, type RunStore } from "../../store/index.js";
import { LRKIT_VERSION } from "../../version.js";
import type { Decide } from "../asha-callback.js";
import type { TrialExecutor } from "../executor.js";
import { failedOutcome, type TrialOutcome } from "../run-trial.js";
import { answerKey, generationKey, jobId, jobsKey, trialsQueue, writesKey } from "./queue-keys.js";
import { streamIdAfter, type Ask, type JobResult, type StreamMessage, type TrialJob } from "./queue-messages.js";
import { applyWrite, type RunWrite } from "./run-writes.js";

export interface SweepQueue {
  /** Puts each trial it runs on the queue; `slots` trials may be queued at once. */
  executor(slots: number): TrialExecutor;
  /** Removes the finished sweep's jobs, stream and generation from Redis. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

type StreamEntries = [id: string, fields: string[]][];

const answerSeconds = 24 * 3600;
const keepSeconds = 3600;

export async function openSweepQueue(redis: Redis, store: RunStore, sweepId: string): Promise<SweepQueue> {
  const stream = writesKey(sweepId);
  const inFlight = new Map<string, { decide: Decide; runId?: string }>();
  const waiting = new Set<{ until: string; resolve: () => void }>();
  let lastId = "0";
  const generation = newId();
  let replaying = true;

  const apply = (write: RunWrite) => {
    if (write.op === "create" && write.run.trialKey !== undefined) {
      interruptOthers(store, sweepId, write.run.trialKey, write.runId);
      const current = inFlight.get(write.run.trialKey);
      if (current) current.runId = write.runId;
    }
    applyWrite(store, write);
  };
  const answer = async (ask: Ask) => {
    const decide = inFlight.get(ask.key)?.decide;
    const decision = decide && store.runStatus(ask.runId) === "running" ? await decide(ask.epoch, ask.value) : "stop";
    await redis.multi().lpush(answerKey(sweepId, ask.runId, ask.epoch), decision).expire(answerKey(sweepId, ask.runId, ask.epoch), answerSeconds).exec();
  };
  const take = async (entries: StreamEntries) => {
    for (const [id, fields] of entries) {
      const message = fromJson(fields[1]!) as StreamMessage;
      if ("write" in message && (replaying || message.generation === generation)) apply(message.write);
      if ("ask" in message && message.generation === generation) await answer(message.ask);
      lastId = id;
    }
    for (const waiter of waiting) {
      if (!streamIdAfter(waiter.until, lastId)) {
        waiting.delete(waiter);
        waiter.resolve();
      }
    }
  };

  for (;;) {
    const batch = (await redis.xread("COUNT", 1000, "STREAMS", stream, lastId)) as [string, StreamEntries][] | null;
    if (!batch) break;
    await take(batch[0]![1]);
  }
  await redis.set(generationKey(sweepId), generation);
  replaying = false;
  const queue = new Queue<TrialJob, JobResult | null>(trialsQueue, { connection: redis });
  const removeJobs = async () => {
    const ids = await redis.smembers(jobsKey(sweepId));
    await Promise.all(ids.map((id) => queue.remove(id)));
    await redis.del(jobsKey(sweepId));
  };
  await removeJobs();
  const eventsConnection = redis.duplicate();
  const events = new QueueEvents(trialsQueue, { connection: eventsConnection });
  await events.waitUntilReady();

  const reader = redis.duplicate();
  let reading = true;
  const readLoop = (async () => {
    while (reading) {
      const batch = (await reader.xread("COUNT", 1000, "BLOCK", 1000, "STREAMS", stream, lastId).catch(() => null)) as [string, StreamEntries][] | null;
      if (batch) await take(batch[0]![1]);
    }
  })();
  const caughtUp = (until: string) => (streamIdAfter(until, lastId) ? new Promise<void>((resolve) => waiting.add({ until, resolve })) : Promise.resolve());

  return {
    executor: (slots) => ({
      slots,
      async run(task, decide): Promise<TrialOutcome> {
        const started = performance.now();
        inFlight.set(task.key, { decide });
        try {
          const id = jobId(sweepId, generation, task.key);
          await redis.sadd(jobsKey(sweepId), id);
          const job = await queue.add("trial", { version: LRKIT_VERSION, generation, task }, {
            jobId: id,
            attempts: 1,
            removeOnComplete: { age: keepSeconds },
            removeOnFail: { age: keepSeconds },
          });
          const result = await job.waitUntilFinished(events);
          if (!result) throw new Error("another coordinator opened this sweep meanwhile; one process runs a sweep at a time");
          if (result.lastMessage !== undefined) await caughtUp(result.lastMessage);
          return result.outcome;
        } catch (error) {
          const runId = inFlight.get(task.key)?.runId;
          const why = error instanceof Error ? error.message : String(error);
          return failedOutcome(task, { runId, seconds: (performance.now() - started) / 1000, error: why, recorded: false });
        } finally {
          inFlight.delete(task.key);
        }
      },
      close: async () => undefined,
    }),
    async finish() {
      await redis.del(generationKey(sweepId));
      await removeJobs();
      await redis.del(stream);
    },
    async close() {
      reading = false;
      await readLoop;
      reader.disconnect();
      await events.close();
      eventsConnection.disconnect();
      await queue.close();
    },
  };
}

/** Marks the trial's other running runs failed: attempts whose worker died, superseded by `runId`. */
function interruptOthers(store: RunStore, sweepId: string, trialKey: string, runId: string): void {
  for (const trial of store.sweepTrials(sweepId)) {
    if (trial.trialKey === trialKey && trial.status === "running" && trial.runId !== runId) {
      store.finishRun(trial.runId, { status: "failed", error: "interrupted: the worker running this trial stopped; the queue gave the trial to another worker" });
    }
  }
}
