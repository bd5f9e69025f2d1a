/** How the CLI reports a failure: a user error (bad config, data, store or device) as one line, anything else with its stack. */
import { DataError } from "../data/index.js";
import { DeviceError } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { StoreError } from "../store/index.js";
import { QueueError } from "../sweep/index.js";

const userErrors = [ConfigError, DataError, StoreError, QueueError, DeviceError];

/**
 * A config file and the key inside it are joined with a dot where the error was made
 * (`run.yaml.scheduler.T_max`), because the library's `where` may be a key path as well as a file;
 * on the command line the file is set apart: `run.yaml: scheduler.T_max`.
 */
const fileThenKey = /^(\S+?\.(?:ya?ml|json))\.(?=[\w"[])/i;

/** The message as the CLI prints it: the config file set apart from the key path by ": ". */
export function userMessage(error: Error): string {
  return error.message.replace(fileThenKey, "$1: ");
}

/** Writes the error to stderr and returns the process exit code: 2 for bad input, 1 otherwise. */
export function reportFailure(error: unknown): number {
  if (userErrors.some((kind) => error instanceof kind)) {
    process.stderr.write(`lrkit: ${userMessage(error as Error)}\n`);
    return 2;
  }
  process.stderr.write(`lrkit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
