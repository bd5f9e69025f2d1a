/**
 * A whole sweep: plan the trials (every trial config checked, and every trial's run built on its
 * data, before anything is recorded or trained: `check-runs.ts`), find or create its record in
 * the run store, run the trials that are not done yet in parallel, stop bad ones with ASHA, and
 * rank the results.
 *
 * Resuming: a sweep is identified by the hash of its config's canonical JSON. Running the same
 * config again while its sweep is unfinished in the store (the process was killed, say) continues
 * that sweep: trials whose latest run completed, was stopped by ASHA or diverged are kept and not
 * re-run; runs left "running" by the dead process are marked failed ("interrupted") and re-run,
 * as are failed trials. ASHA's rungs are refilled from the kept trials' epoch logs. A finished
 * sweep is not matched, so its config runs as a new sweep; `resume: id` continues a given sweep
 * (e.g. a finished one, to retry its failed trials). One process runs a sweep at a time.
 *
 * On a queue (`queue`: a Redis URL), the trials are jobs that `lrkit worker` processes anywhere take
 * (`queue/sweep-queue.ts`); their runs still land in this process's store, ASHA still decides
 * here, and resuming works the same. `workers` then counts the trials this process runs itself,
 * as a worker of the queue while its sweep runs (default none); the queue is shared by all sweeps
 * on the Redis, so it may take another sweep's trial too, and finishes it before returning.
 *
 * Under ASHA, trials start in a seeded random order: in the search's own order a grid sweeps from
 * one end of each range, and the first trials at each rung (which always continue) would all come
 * from that end.
 */
import { availableParallelism } from "node:os";
import { ConfigError } from "../errors.js";
import { openStore, type RunStore } from "../store/index.js";
import { permutation, seededGenerator } from "../data/index.js";
import { createAsha, type Asha } from "./asha.js";
import type { Decide } from "./asha-callback.js";
import { checkTrialRuns } from "./check-runs.js";
import type { TrialExecutor } from "./executor.js";
import { inThisThread } from "./in-this-thread.js";
import { bestTrial, collectResults, type SweepResult } from "./results.js";
import { describeOverrides, type TrialOutcome, type TrialTask } from "./run-trial.js";
import { searchPurpose } from "./search.js";
import { configHash, parseSweepConfig, type SweepPlan, type Trial } from "./sweep-config.js";
import { workerPool } from "./worker-pool.js";
import { connectRedis } from "./queue/redis-connection.js";
import { openSweepQueue, type SweepQueue } from "./queue/sweep-queue.js";
import { startQueueWorker, type QueueWorker } from "./queue/queue-worker.js";

export interface SweepOptions {
  /** The run store file. */
  storePath: string;
  /** Worker threads; default one per core (`availableParallelism()`). 0 runs the trials one at a time in this thread. With `queue`: trials this process takes from the queue at a time while its sweep runs (default 0). */
  workers?: number;
  /** Put the trials on a BullMQ queue on the Redis at this URL, for `lrkit worker` processes. */
  queue?: string;
  /** Where datasets are (default: the config's `data.dir`, then as `loadDataset`). */
  dataDir?: string;
  /** The config's name (its file), for errors and the sweep's name in the store. */
  where?: string;
  /** Continue this sweep (id or unique prefix) instead of looking one up by config hash. */
  resume?: string;
  /** The device the trials train on (default wasm); with workers 0, this thread's, which the caller has started. */
  device?: "wasm" | "webgpu";
  /** The worker module (default `worker.js` beside this module in `dist/`). */
  workerScript?: URL;
  /** Called once the sweep is found or created, before any trial starts; `done` trials will not run again. */
  onStart?: (sweep: { sweepId: string; resumed: boolean; done: number; total: number }) => void;
  /** Called as each trial ends, in the order they end. */
  onTrialEnd?: (outcome: TrialOutcome, progress: { done: number; total: number }) => void;
}

const doneStatuses = new Set(["completed", "stopped", "diverged"]);

export async function runSweep(config: unknown, options: SweepOptions): Promise<SweepResult> {
  const where = options.where ?? "config";
  const plan = parseSweepConfig(config, where);
  const plannedSteps = await checkTrialRuns(plan.trials, options.dataDir, where);
  const workers = options.workers ?? (options.queue === undefined ? availableParallelism() : 0);
  if (!Number.isInteger(workers) || workers < 0) throw new ConfigError(`workers: expected a whole number ≥ 0 (0 runs trials in this thread); got ${workers}`, "options", "workers", workers);
  const redis = options.queue === undefined ? undefined : await connectRedis(options.queue);
  const store = openStore(options.storePath);
  let queue: SweepQueue | undefined;
  let ownWorker: QueueWorker | undefined;
  try {
    const { sweepId, resumed } = findOrCreateSweep(store, config, plan, options.resume, where);
    if (redis) queue = await openSweepQueue(redis, store, sweepId);
    const done = resumed ? settlePreviousRuns(store, sweepId) : new Map<string, string>();
    const { search } = plan;
    const asha = search.asha
      ? createAsha({ ...search.asha, maxEpochs: Math.max(...plan.trials.map((t) => t.epochs)), mode: search.mode })
      : undefined;
    if (asha) refillRungs(asha, store, done, search.metric);

    const todo = startOrder(plan).filter((t) => !done.has(t.key));
    options.onStart?.({ sweepId, resumed, done: done.size, total: plan.trials.length });
    if (todo.length > 0) {
      if (redis && workers > 0) ownWorker = startQueueWorker(redis, {
          concurrency: workers,
          ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
          ...(options.device === undefined ? {} : { device: options.device }),
          ...(options.workerScript === undefined ? {} : { script: options.workerScript }),
        });
      const executor = queue
        ? queue.executor(todo.length)
        : workers === 0
          ? inThisThread({ storePath: store.path, ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }) })
          : workerPool({ size: Math.min(workers, todo.length), storePath: store.path, dataDir: options.dataDir, device: options.device, script: options.workerScript });
      const jobs = todo.map((trial) => ({
        task: {
          sweepId,
          key: trial.key,
          overrides: trial.overrides,
          config: trial.config,
          plannedSteps: plannedSteps.get(trial.key)!,
          metric: search.metric,
          ...(search.asha ? { asha: { reductionFactor: search.asha.reductionFactor } } : {}),
          where,
        },
        decide: asha ? (epoch: number, value: number) => asha.report(trial.key, epoch, value) : () => "continue" as const,
      }));
      try {
        await runAll(executor, jobs, { store, total: plan.trials.length, already: done.size, onTrialEnd: options.onTrialEnd });
      } finally {
        await executor.close();
      }
    }

    const trials = collectResults(store, sweepId, plan.trials, search.metric, search.mode);
    const best = bestTrial(trials);
    const result: SweepResult = { sweepId, metric: search.metric, mode: search.mode, resumed, trials, ...(best ? { best } : {}) };
    const failed = trials.filter((t) => t.status === "failed").length;
    store.finishSweep(sweepId, {
      status: failed === trials.length ? "failed" : "completed",
      summary: { trials: trials.length, failed, best: best ? { key: best.key, run_id: best.runId, value: best.value } : null },
    });
    await queue?.finish();
    return result;
  } finally {
    await ownWorker?.close();
    await queue?.close();
    redis?.disconnect();
    store.close();
  }
}

function findOrCreateSweep(store: RunStore, config: unknown, plan: SweepPlan, resume: string | undefined, where: string): { sweepId: string; resumed: boolean } {
  if (resume !== undefined) {
    const sweep = store.getSweep(resume);
    if (configHash(sweep.config) !== plan.hash) {
      throw new ConfigError(`--resume: sweep ${sweep.id} was started with a different config (hash ${configHash(sweep.config)}, this one's is ${plan.hash}); resume it with its own config, or leave out --config`, "resume", "resume", resume);
    }
    return { sweepId: sweep.id, resumed: true };
  }
  const unfinished = store.listSweeps({ status: "running" }).find((s) => configHash(s.config) === plan.hash);
  if (unfinished) return { sweepId: unfinished.id, resumed: true };
  return { sweepId: store.createSweep({ name: where, config }), resumed: false };
}

/**
 * Marks the runs a dead process left "running" as failed, and returns the trials that are done:
 * trial key → run id of its latest run, when that run completed, was stopped or diverged.
 */
function settlePreviousRuns(store: RunStore, sweepId: string): Map<string, string> {
  const latest = new Map<string, { runId: string; status: string }>();
  for (const trial of store.sweepTrials(sweepId)) {
    if (trial.status === "running") {
      store.finishRun(trial.runId, { status: "failed", error: "interrupted: the sweep's process ended during this trial; it was run again when the sweep resumed" });
    }
    if (trial.trialKey !== undefined) latest.set(trial.trialKey, { runId: trial.runId, status: trial.status });
  }
  return new Map([...latest].filter(([, run]) => doneStatuses.has(run.status)).map(([key, run]) => [key, run.runId]));
}

/** Feeds ASHA the epoch metrics of trials finished before a resume, so its rungs hold what they held. */
function refillRungs(asha: Asha, store: RunStore, done: Map<string, string>, metric: string): void {
  for (const [key, runId] of done) {
    for (const row of store.getEpochs(runId)) {
      const value = row.val[metric];
      if (value !== undefined) asha.report(key, row.epoch + 1, value);
    }
  }
}

/** The search's order, or under ASHA a seeded permutation of it (see the module note). */
function startOrder(plan: SweepPlan): Trial[] {
  if (!plan.search.asha) return plan.trials;
  const order = permutation(plan.trials.length, seededGenerator(plan.search.seed, searchPurpose.order));
  return Array.from(order, (i) => plan.trials[i]!);
}

interface Job {
  task: TrialTask;
  decide: Decide;
}

interface Progress {
  store: RunStore;
  total: number;
  already: number;
  onTrialEnd: SweepOptions["onTrialEnd"];
}

/** Keeps every slot of the executor busy until no job is left. */
async function runAll(executor: TrialExecutor, jobs: Job[], progress: Progress): Promise<void> {
  const queue = [...jobs];
  let done = progress.already;
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const outcome = await executor.run(job.task, job.decide);
      if (!outcome.recorded) recordLost(progress.store, job.task, outcome);
      progress.onTrialEnd?.(outcome, { done: ++done, total: progress.total });
    }
  };
  await Promise.all(Array.from({ length: Math.min(executor.slots, jobs.length) }, lane));
}

/** Records the end of a trial whose thread died: its run fails (created first if the thread died before creating it). */
function recordLost(store: RunStore, task: TrialTask, outcome: TrialOutcome): void {
  const runId = outcome.runId ?? store.createRun({ kind: "sweep-trial", sweepId: task.sweepId, trialKey: task.key, config: task.config, name: describeOverrides(task.overrides), plannedSteps: task.plannedSteps });
  store.finishRun(runId, { status: "failed", error: outcome.error ?? "the trial's worker thread died", summary: { overrides: task.overrides, stopped_early: false } });
  outcome.runId = runId;
}
