/**
 * `lrkit sweep --config sweep.yaml`: a learning-rate sweep — a run config plus a `search` block —
 * with trials in parallel worker threads, bad ones stopped early by ASHA, everything recorded in
 * the run store; with `--queue`, the trials are jobs on Redis for `lrkit worker` processes on any
 * machine (`sweep/queue/`). A line per finished trial goes to stderr; the ranked table (or `--json`) to
 * stdout. Running the same command after the process died continues the sweep. Exit code 2 when a
 * trial's config (or its run, built on the data) is bad, before anything is recorded; 3 when some
 * trial failed while training.
 */
import { parseNumber } from "../number-option.js";
import { Command, Option } from "commander";
import { ConfigError } from "../../errors.js";
import { openStore, storePath } from "../../store/index.js";
import { describeOutcome, runSweep, sweepJson, sweepTable, type TrialOutcome } from "../../sweep/index.js";
import { readSpec } from "../read-spec.js";
import { deviceOption, startDevice } from "../device-option.js";
import type { DeviceChoice } from "../../engine/node/index.js";
import { applySets, collectSet, type SetOverride } from "../set-option.js";

interface SweepOptions {
  config?: string;
  workers?: string;
  queue?: string;
  json?: boolean;
  dataDir?: string;
  store?: string;
  resume?: string;
  set?: SetOverride[];
  device?: DeviceChoice;
}

const example = "{ data: { name: iris }, model: { preset: mlp, hidden: [16] }, optimizer: { type: SGD, lr: 0.1 }, epochs: 9, batch_size: 16, search: { method: grid, space: { optimizer.lr: { loguniform: [1.0e-3, 1], points: 4 } } } }";

export function sweepCommand(): Command {
  return new Command("sweep")
    .description("run a learning-rate sweep (grid or random search, ASHA early stopping) in parallel and rank the trials")
    .addOption(new Option("-c, --config <file>", "sweep config: a run config (as lrkit train takes) plus search: { method, space, trials, seed, metric, mode, scheduler }"))
    .addOption(new Option("--set <key.path=value>", "override one key of --config (repeatable), e.g. --set epochs=3").argParser(collectSet))
    .addOption(new Option("--workers <n>", "worker threads (default: one per core; 0 runs trials one at a time in this thread; with --queue: trials this process runs itself, default 0)"))
    .addOption(new Option("--queue <redis-url>", "put the trials on a BullMQ queue on this Redis (redis://[:PASSWORD@]HOST:PORT) for lrkit worker processes to run"))
    .addOption(new Option("--json", "print one JSON object with the ranked trials and the best one on stdout"))
    .addOption(new Option("--resume <sweep-id>", "continue this sweep (without --config: with the config stored with it)"))
    .addOption(new Option("--data-dir <dir>", "where datasets are (default: $LRKIT_DATA_DIR, then ../shared/datasets)"))
    .addOption(new Option("--store <path>", "the run store (default: $LRKIT_STORE, then runs/lrkit.db)"))
    .addOption(deviceOption())
    .action(async (options: SweepOptions) => {
      const { config, where } = readConfig(options);
      const { device } = await startDevice(options.device);
      const result = await runSweep(config, {
        device,
        storePath: storePath(options.store),
        ...(options.workers === undefined ? {} : { workers: parseNumber(options.workers, "--workers", { integer: true, min: 0, note: "0 runs trials in this thread" }) }),
        ...(options.queue === undefined ? {} : { queue: options.queue }),
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        ...(options.resume === undefined ? {} : { resume: options.resume }),
        where,
        onStart: ({ sweepId, resumed, done, total }) =>
          process.stderr.write(resumed ? `resuming sweep ${sweepId}: ${done} of ${total} trials done\n` : `sweep ${sweepId}: ${total} trials\n`),
        onTrialEnd: (outcome, { done, total }) => process.stderr.write(progressLine(outcome, done, total)),
      });
      process.stdout.write(options.json ? `${JSON.stringify({ ...sweepJson(result), device })}\n` : sweepTable(result));
      if (result.trials.some((t) => t.status === "failed")) process.exitCode = 3;
    });
}

function readConfig(options: SweepOptions): { config: Record<string, unknown>; where: string } {
  if (options.config !== undefined) {
    const { spec, where } = readSpec(options.config, example, "--config");
    return { config: applySets(spec, options.set ?? []), where };
  }
  if (options.set) throw new ConfigError(`--set ${options.set[0]!.argument}: --set changes --config; without it the sweep runs the config stored with it`, "--set", "set", options.set[0]!.argument);
  if (options.resume === undefined) throw new ConfigError(`--config: a sweep config is required (or --resume SWEEP_ID); e.g. ${example}`, "--config", "config", undefined);
  const store = openStore(storePath(options.store), { readonly: true });
  try {
    const sweep = store.getSweep(options.resume);
    return { config: sweep.config as Record<string, unknown>, where: sweep.name ?? `sweep ${sweep.id}` };
  } finally {
    store.close();
  }
}


function progressLine(outcome: TrialOutcome, done: number, total: number): string {
  return `[${done}/${total}] ${describeOutcome(outcome)}\n`;
}
