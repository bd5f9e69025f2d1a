/**
 * `lrkit dash`: serves the live dashboard (runs, one run's curves and diagnosis, compare, sweeps,
 * range tests) and the learning-rate playground on http://127.0.0.1:8321/ until Ctrl-C. It reads
 * the run store at `--store PATH`, else `$LRKIT_STORE`, else `./runs/lrkit.db` (which may not exist
 * yet: runs appear as soon as training creates it), and never writes to it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { numberOption } from "../number-option.js";
import { Command, Option } from "commander";
import { ConfigError } from "../../errors.js";
import { defaultWebRoot, startDashServer, type DashServer } from "../../server/index.js";
import { storePath } from "../../store/index.js";

export const DEFAULT_DASH_PORT = 8321;

interface DashOptions {
  store?: string;
  host: string;
  port: number;
}

/** Resolves when the server should stop: on SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}


/** `until` ends the server (tests pass their own; the command waits for Ctrl-C). */
export function dashCommand(until: () => Promise<void> = untilSignal): Command {
  return new Command("dash")
    .description("serve the live dashboard and the learning-rate playground in the browser")
    .option("--store <path>", "run store file (default: $LRKIT_STORE, else ./runs/lrkit.db)")
    .addOption(new Option("--host <address>", "address to listen on; other than a loopback one, anyone on the network can read your runs").default("127.0.0.1"))
    .addOption(new Option("--port <n>", "port to listen on (0: any free port)").argParser(numberOption("--port", { integer: true, min: 0, max: 65535, note: "0: any free port" })).default(DEFAULT_DASH_PORT))
    .action(async (options: DashOptions) => {
      const path = storePath(options.store);
      let server: DashServer;
      try {
        server = await startDashServer({ storePath: path, host: options.host, port: options.port, logger: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
          throw new ConfigError(`--port: port ${options.port} on ${options.host} is in use; choose another, or --port 0 for any free one`, "dash", "port", options.port);
        }
        throw error;
      }
      if (!existsSync(join(defaultWebRoot, "index.html"))) process.stderr.write(`lrkit dash: the pages are not built (${defaultWebRoot}); run npm run build\n`);
      const note = existsSync(path) ? "" : " (not created yet: runs appear once training creates it)";
      process.stdout.write(`lrkit dash: ${server.url} over the run store ${path}${note}; Ctrl-C stops it\n`);
      await until();
      await server.close();
    });
}
