/**
 * `lrkit worker --queue redis://HOST:PORT`: trains the trials of every sweep queued on that Redis
 * (by `lrkit sweep --queue`), `--concurrency` at a time, taking a trial only when it has a slot
 * free, until killed or, with `--exit-when-idle`, until no trial has waited on the queue or run
 * here for a few seconds. SIGINT or SIGTERM lets
 * the running trials finish, then exits; SIGKILL leaves them to other workers. A line per trial
 * goes to stderr.
 */
import { hostname } from "node:os";
import { Command, Option } from "commander";
import { connectRedis, describeOutcome, describeOverrides, maskUrl, startQueueWorker } from "../../sweep/index.js";
import type { DeviceChoice } from "../../engine/node/index.js";
import { deviceOption, startDevice } from "../device-option.js";
import { parseNumber } from "../number-option.js";

interface WorkerOptions {
  queue: string;
  concurrency?: string;
  dataDir?: string;
  exitWhenIdle?: boolean;
  device?: DeviceChoice;
}

const idleSeconds = 5;

export function workerCommand(): Command {
  return new Command("worker")
    .description("run the trials of sweeps queued on a Redis (lrkit sweep --queue) until stopped")
    .addOption(new Option("--queue <redis-url>", "the Redis the sweeps are queued on: redis://[:PASSWORD@]HOST:PORT").makeOptionMandatory())
    .addOption(new Option("--concurrency <n>", "trials at a time, each in a worker thread (default 1)"))
    .addOption(new Option("--data-dir <dir>", "where datasets are on this machine (default: $LRKIT_DATA_DIR, then ../shared/datasets)"))
    .addOption(new Option("--exit-when-idle", `exit once no trial has run or waited for ${idleSeconds} s`))
    .addOption(deviceOption())
    .action(async (options: WorkerOptions) => {
      const concurrency = options.concurrency === undefined ? 1 : parseNumber(options.concurrency, "--concurrency", { integer: true, min: 1 });
      const { device } = await startDevice(options.device);
      const redis = await connectRedis(options.queue);
      const worker = startQueueWorker(redis, {
        concurrency,
        device,
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        ...(options.exitWhenIdle ? { idleSeconds } : {}),
        onTrialStart: (task) => process.stderr.write(`sweep ${task.sweepId}: ${describeOverrides(task.overrides)} started\n`),
        onTrialEnd: (outcome) => process.stderr.write(`  ${describeOutcome(outcome)}\n`),
      });
      process.stderr.write(`lrkit worker on ${hostname()}: taking trials from ${maskUrl(options.queue)}, ${concurrency} at a time on ${device}\n`);
      const stop = () => void worker.close();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      await worker.stopped;
      redis.disconnect();
    });
}
