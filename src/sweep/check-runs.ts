/**
 * Every trial's run built from the data it names (`buildRun`, as the trial itself will), before the
 * sweep is recorded or any trial starts. What only the data can tell — a OneCycleLR cycle shorter
 * than a trial's epochs × batches, a model that does not fit the samples, a loss that does not fit
 * the task — then fails the whole sweep as a config error naming the trial, as a typo does, instead
 * of leaving a "failed" trial run in the store. The data is read here too (once per data set and
 * process: `loadDataset` caches it), so a queue's coordinator needs it as its workers do. Returns
 * the steps each trial plans (epochs × batches), by trial key, which its run record keeps.
 */
import { buildRun, parseRunSpec } from "../run/index.js";
import { loadRunData } from "../run/node/index.js";
import { inTrial, type Trial } from "./sweep-config.js";

export async function checkTrialRuns(trials: readonly Trial[], dataDir: string | undefined, where: string): Promise<Map<string, number>> {
  const planned = new Map<string, number>();
  for (const trial of trials) {
    const spec = parseRunSpec(trial.config, "config");
    const data = await loadRunData(spec, dataDir, where);
    const built = inTrial(trial.key, where, () => buildRun(spec, data, "config"));
    planned.set(trial.key, spec.epochs * built.batches.batchesPerEpoch);
  }
  return planned;
}
