/** How the CLI reports a failure: a user error (bad config, data or store) as one line, anything else with its stack. */
import { DataError } from "../data/index.js";
import { ConfigError } from "../errors.js";
import { StoreError } from "../store/index.js";

const userErrors = [ConfigError, DataError, StoreError];

/** Writes the error to stderr and returns the process exit code: 2 for bad input, 1 otherwise. */
export function reportFailure(error: unknown): number {
  if (userErrors.some((kind) => error instanceof kind)) {
    process.stderr.write(`lrkit: ${(error as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`lrkit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
