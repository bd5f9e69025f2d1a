/**
 * Atomic file writes (Node only): the content goes to a temporary file beside the target, is
 * flushed to disk, then renamed over the target. A reader never sees half a file, and a process
 * killed mid-write leaves the previous version (a checkpoint, a report, a chart) intact.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}-${Date.now()}.tmp`);
  try {
    const fd = openSync(temporary, "w");
    try {
      if (typeof content === "string") writeSync(fd, content);
      else writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
