/** A run log kept in memory as columns and epoch rows: the sink of the trainer's history. */
import { emptyColumns, pushRow, type StepColumns } from "./columns.js";
import type { EpochRow, RunLog } from "./rows.js";

export interface MemoryLog extends RunLog {
  readonly steps: StepColumns;
  readonly epochs: EpochRow[];
}

export function memoryLog(): MemoryLog {
  const steps = emptyColumns();
  const epochs: EpochRow[] = [];
  return {
    steps,
    epochs,
    logSteps(_runId, rows) {
      for (const row of rows) pushRow(steps, row);
    },
    logEpoch(_runId, row) {
      epochs.push(row);
    },
  };
}
