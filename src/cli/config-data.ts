/** The data a run config names (`data: { name | csv, dir? }`), loaded from `--data-dir`, the config's `dir`, or the defaults. */
import type { TrainTest } from "../data/index.js";
import { loadDataset } from "../data/node/index.js";
import { ConfigError } from "../errors.js";

export async function loadConfigData(config: Record<string, unknown>, where: string, dataDir: string | undefined): Promise<TrainTest> {
  const dataSpec = config.data as Record<string, unknown> | undefined;
  if (!dataSpec || typeof dataSpec !== "object") throw new ConfigError(`${where}.data: it is missing; e.g. data: { name: mnist }`, where, "data", dataSpec);
  const { dir, ...datasetSpec } = dataSpec;
  return loadDataset(datasetSpec as never, { dataDir: (dataDir ?? dir) as string | undefined });
}
