/**
 * The run log in memory: the run logger (`runLogger`) with a `memoryLog` sink, flushed every step,
 * so η, loss and gradient norm of every step and each epoch's row are there as the run goes.
 * Columnar arrays, so a 10,000-step run costs a few hundred kilobytes and charts read the columns
 * directly.
 */
import { memoryLog, type EpochRow, type StepColumns } from "../../log/index.js";
import type { Callback } from "../callback.js";
import { runLogger } from "./run-logger.js";

export interface History extends Callback {
  readonly steps: StepColumns;
  readonly epochs: EpochRow[];
}

export function history(): History {
  const sink = memoryLog();
  return { ...runLogger(sink, "history", { every: 1 }), steps: sink.steps, epochs: sink.epochs };
}
