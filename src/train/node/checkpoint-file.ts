/**
 * Checkpoint files (Node only), written atomically (`writeFileAtomic`), so a run killed mid-write
 * leaves the previous checkpoint intact and never a truncated one.
 */
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../../files/index.js";
import type { Checkpoint } from "../index.js";

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
