#!/usr/bin/env node
/** The `lrkit` command. Each sub-command lives in `commands/`; errors become one clear line on stderr. */
import "./threads-option.js";
import "../engine/node-threads.js";
import { Command } from "commander";
import { initEngine } from "../engine/index.js";
import { releaseDevice } from "../engine/node/index.js";
import { dashCommand } from "./commands/dash.js";
import { exampleCommand } from "./commands/example.js";
import { findCommand } from "./commands/find.js";
import { reportCommand } from "./commands/report.js";
import { runsCommand } from "./commands/runs.js";
import { scheduleCommand } from "./commands/schedule.js";
import { studyCommand } from "./commands/study.js";
import { sweepCommand } from "./commands/sweep.js";
import { trainCommand } from "./commands/train.js";
import { workerCommand } from "./commands/worker.js";
import { reportFailure } from "./failure.js";
import { reportUsageErrors } from "./usage-errors.js";
import { LRKIT_VERSION } from "../version.js";

const program = new Command()
  .name("lrkit")
  .description("Choose, schedule, adapt and understand the learning rate η in θ ← θ − η·∇J(θ).")
  .version(LRKIT_VERSION)
  .option("--threads <n>", "worker threads for jax-js's kernels (default: one per core; 1: none); the same as LRKIT_THREADS");

program.addCommand(exampleCommand());
program.addCommand(studyCommand());
program.addCommand(trainCommand());
program.addCommand(findCommand());
program.addCommand(sweepCommand());
program.addCommand(workerCommand());
program.addCommand(scheduleCommand());
program.addCommand(reportCommand());
program.addCommand(runsCommand());
program.addCommand(dashCommand());
reportUsageErrors(program);

try {
  await initEngine("wasm");
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
} finally {
  releaseDevice();
}
