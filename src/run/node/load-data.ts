/** The data a run spec names (`data: { name | csv, dir? }`), loaded from `dataDir` (`--data-dir`), the spec's `dir`, or the defaults. */
import type { TrainTest } from "../../data/index.js";
import { loadDataset } from "../../data/node/index.js";
import { ConfigError } from "../../errors.js";
import type { RunSpec } from "../spec.js";

export function loadRunData(spec: Pick<RunSpec, "data">, dataDir?: string, where = "config"): Promise<TrainTest> {
  if (!spec.data) throw new ConfigError(`${where}.data: it is missing; e.g. data: { name: mnist }`, where, "data", undefined);
  const { dir, ...dataset } = spec.data;
  return loadDataset(dataset, { dataDir: dataDir ?? dir });
}
