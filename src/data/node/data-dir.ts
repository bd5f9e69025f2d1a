/**
 * Where the data files live. In order: the `dataDir` option when given (and then only it), else
 * the environment variable LRKIT_DATA_DIR when set (and then only it), else `../shared/datasets`
 * from the working directory, then from the package root (the nearest folder above this module
 * that holds a package.json). The first candidate holding every file of a dataset is used.
 */
import { existsSync } from "node:fs";
import { access } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError } from "../errors.js";

export const DATA_DIR_ENV = "LRKIT_DATA_DIR";

export interface DataDirCandidate {
  readonly dir: string;
  /** Why this folder was tried, for messages. */
  readonly from: string;
}

export function dataDirCandidates(dataDir?: string): DataDirCandidate[] {
  if (dataDir !== undefined) return [{ dir: resolve(dataDir), from: "the dataDir option" }];
  const fromEnv = process.env[DATA_DIR_ENV];
  if (fromEnv) return [{ dir: resolve(fromEnv), from: `$${DATA_DIR_ENV}` }];
  const candidates = [{ dir: resolve("../shared/datasets"), from: "../shared/datasets from the working directory" }];
  const root = packageRoot();
  if (root) candidates.push({ dir: resolve(root, "../shared/datasets"), from: "../shared/datasets from the package root" });
  return candidates.filter((c, i) => candidates.findIndex((o) => o.dir === c.dir) === i);
}

function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Run `load(paths)` with the first candidate folder that holds all `files`: paths relative to
 * it, each a list of alternatives (e.g. `x.gz` or `x`) of which the first present is taken.
 * When no folder holds them all, or the files found are malformed (load throws a DataError), the
 * DataError lists every path tried and what was wrong with it.
 */
export async function loadFromDataDir<T>(
  what: string,
  files: readonly (readonly string[])[],
  dataDir: string | undefined,
  load: (paths: string[]) => Promise<T>,
): Promise<T> {
  const tried: string[] = [];
  for (const { dir, from } of dataDirCandidates(dataDir)) {
    const paths: string[] = [];
    for (const alternatives of files) {
      const present = await firstPresent(alternatives.map((file) => join(dir, file)));
      if (present) paths.push(present);
      else tried.push(`${alternatives.map((file) => join(dir, file)).join(" or ")} (${from}): not found`);
    }
    if (paths.length < files.length) continue;
    try {
      return await load(paths);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      tried.push(`${dir} (${from}): ${error.message}`);
      break;
    }
  }
  const hint = dataDir === undefined ? `; pass dataDir or set ${DATA_DIR_ENV} to the folder that holds it` : "";
  throw new DataError(`cannot load ${what}${hint}. Tried:\n${tried.map((t) => `  - ${t}`).join("\n")}`, what);
}

async function firstPresent(paths: string[]): Promise<string | undefined> {
  for (const path of paths) {
    try {
      await access(path);
      return path;
    } catch {
      continue;
    }
  }
  return undefined;
}
