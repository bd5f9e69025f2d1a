/**
 * A run's files in an output folder (Node only): `steps.csv` (step, epoch, lr, loss, grad_norm, elapsed),
 * `epochs.jsonl` (one JSON object per epoch), `checkpoint.json` (written atomically) and, at the
 * end, `result.json`. The log files start anew with each run (a resumed run first writes the
 * rows of its earlier part, from its checkpoint), so they hold exactly one whole run; rows are
 * appended as training goes, so a run that dies keeps its log up to its last flush and its last
 * checkpoint intact. (The run store keeps every run, an earlier one in the same folder included.)
 */
import { appendFileSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../../errors.js";
import type { RunLog } from "../../log/index.js";
import type { Checkpoint } from "../index.js";
import { writeFileAtomic } from "../../files/index.js";
import { writeCheckpoint } from "./checkpoint-file.js";

export interface RunFiles extends RunLog {
  readonly dir: string;
  readonly checkpointPath: string;
  saveCheckpoint(checkpoint: Checkpoint): void;
  saveResult(result: unknown): void;
}

export function runFiles(dir: string): RunFiles {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new ConfigError(`--out: "${dir}" exists and is not a folder`, "--out", "out", dir);
  }
  mkdirSync(dir, { recursive: true });
  const stepsPath = join(dir, "steps.csv");
  const epochsPath = join(dir, "epochs.jsonl");
  writeFileSync(stepsPath, "step,epoch,lr,loss,grad_norm,elapsed\n");
  writeFileSync(epochsPath, "");
  const checkpointPath = join(dir, "checkpoint.json");
  return {
    dir,
    checkpointPath,
    logSteps(_runId, rows) {
      appendFileSync(stepsPath, rows.map((r) => `${r.step},${r.epoch},${r.lr},${r.loss},${r.gradNorm ?? ""},${r.elapsed ?? ""}\n`).join(""));
    },
    logEpoch(_runId, row) {
      appendFileSync(epochsPath, `${JSON.stringify(row)}\n`);
    },
    saveCheckpoint(checkpoint) {
      writeCheckpoint(checkpointPath, checkpoint);
    },
    saveResult(result) {
      writeFileAtomic(join(dir, "result.json"), `${JSON.stringify(result, null, 2)}\n`);
    },
  };
}
