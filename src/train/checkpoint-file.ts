/**
 * Checkpoint files (Node only). A checkpoint is written atomically: to a temporary file beside the
 * target, flushed to disk, then renamed over it, so a run killed mid-write leaves the previous
 * checkpoint intact and never a truncated one.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import type { Checkpoint } from "./checkpoint.js";

export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
}

export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  writeFileAtomic(path, JSON.stringify(checkpoint));
}

export function readCheckpoint(path: string): Checkpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read checkpoint ${path}: ${(error as Error).message}`, { cause: error });
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== "lrkit-checkpoint") {
    throw new Error(`${path} is not an lrkit checkpoint (its "format" is ${JSON.stringify(format)}, expected "lrkit-checkpoint")`);
  }
  return parsed as Checkpoint;
}
