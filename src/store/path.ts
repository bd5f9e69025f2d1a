/**
 * Where the run store lives: the `--store` option when given, else the `LRKIT_STORE` environment
 * variable, else `runs/lrkit.db` under the working directory (`runs/` is git-ignored).
 */
import { resolve } from "node:path";

export const DEFAULT_STORE_PATH = "runs/lrkit.db";

export function storePath(option?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, option ?? (env.LRKIT_STORE || DEFAULT_STORE_PATH));
}
