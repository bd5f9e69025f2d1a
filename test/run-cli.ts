/** The built CLI as a user runs it, for end-to-end tests: exit code, stdout and stderr, with its own run store. */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const cli = resolve(import.meta.dirname, "../dist/cli/main.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `lrkit(...args)` running dist/cli/main.js with LRKIT_STORE set to `store`; a failing command resolves with its exit code. */
export function cliWithStore(store: string): (...args: string[]) => Promise<CliResult> {
  return async (...args) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, LRKIT_STORE: store } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as CliResult;
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}

export interface RunningCli {
  child: ChildProcess;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Its exit code (the signal's name when killed) with everything it wrote. */
  done: Promise<CliResult & { signal: string | null }>;
}

/** `lrkit(...args)` started in the background with LRKIT_STORE set to `store` (to kill it, or run several at once). */
export function startCli(store: string, ...args: string[]): RunningCli {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, LRKIT_STORE: store }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += String(chunk)));
  const done = new Promise<CliResult & { signal: string | null }>((resolve) => child.once("close", (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr })));
  return { child, stderr: () => stderr, done };
}
