/**
 * `--threads N` (or `--threads=N`, anywhere on the command line) and `LRKIT_THREADS`, checked before
 * anything loads jax-js, which sizes its kernel pool once when it loads (engine/node-threads.ts).
 * The flag becomes `LRKIT_THREADS` and is taken out of the arguments the sub-commands parse; a bad
 * value ends the process with one line on stderr and exit code 2, as other bad input does.
 */
import { requestedThreads } from "../engine/thread-count.js";

function takeThreadsFlag(argv: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === "--threads" || arg.startsWith("--threads=")) {
      const inline = arg.startsWith("--threads=");
      value = inline ? arg.slice("--threads=".length) : (argv[i + 1] ?? "");
      argv.splice(i, inline ? 1 : 2);
      i--;
    }
  }
  return value;
}

try {
  const flag = takeThreadsFlag(process.argv);
  if (flag === undefined) requestedThreads();
  else {
    requestedThreads(flag, "--threads");
    process.env.LRKIT_THREADS = flag;
  }
} catch (error) {
  process.stderr.write(`lrkit: ${(error as Error).message}\n`);
  process.exit(2);
}
