/** Runs trials one at a time in the calling thread (whose jax-js engine must be initialised). */
import { openStore } from "../store/index.js";
import type { TrialExecutor } from "./executor.js";
import { runTrial } from "./run-trial.js";

export function inThisThread(options: { storePath: string; dataDir?: string }): TrialExecutor {
  const store = openStore(options.storePath);
  return {
    slots: 1,
    run: (task, decide) => runTrial(task, { store, dataDir: options.dataDir }, decide),
    async close() {
      store.close();
    },
  };
}
