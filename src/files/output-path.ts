/**
 * Checks an output path before any work is done, so a long run never fails at its very end on a
 * typo: the folder must exist, the path must not be a folder, and where the format follows the
 * extension it must be one of those given.
 */
import { statSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { ConfigError } from "../errors.js";

/** Returns the absolute path; throws a ConfigError naming `flag` (e.g. "--out") otherwise. */
export function checkOutputPath(path: string, flag: string, extensions?: readonly string[]): string {
  const absolute = resolve(path);
  if (!statSync(dirname(absolute), { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError(`${flag}: the folder "${dirname(path)}" does not exist; create it first or choose another path`, flag, flag, path);
  }
  if (statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError(`${flag}: "${path}" is a folder; give a file name such as ${join(path, `out${extensions?.[0] ?? ""}`)}`, flag, flag, path);
  }
  const ext = extname(path).toLowerCase();
  if (extensions && !extensions.includes(ext)) {
    throw new ConfigError(`${flag}: the file is written as ${extensions.join(" or ")}, chosen by the extension; got "${path}"`, flag, flag, path);
  }
  return absolute;
}
