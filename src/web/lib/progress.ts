/**
 * How far a run has got and when it should end, from the optimizer steps it plans (`plannedSteps`:
 * epochs × batches, a range test's iterations) and those it has taken:
 *
 *   fraction = done / planned        ETA = t · (planned − done) / done
 *
 * where t is the wall time the `done` steps took (the last step's `elapsed`), so the ETA assumes
 * the steps to come cost what the steps so far did (validation between epochs included). A
 * completed run is whole; a run that ended otherwise shows where it stopped. A range test logs no
 * steps while it runs: its count comes from its result once stored.
 */
import type { RunSummary } from "./api.js";
import { formatSeconds, plannedEpochs } from "./format.js";
import { rangeTestOf } from "./range-test.js";

export interface Progress {
  /** Of the planned steps, 0…1; undefined when the plan or the count is unknown. */
  fraction: number | undefined;
  /** "2/5 epochs · 900/1688 steps". */
  text: string;
  /** Seconds left, while running with a plan and a timed step. */
  eta: number | undefined;
}

export interface Taken {
  /** Steps taken (the last logged step's index + 1). */
  steps: number;
  /** Wall seconds from the start of training to the end of the last step; NaN if not logged. */
  elapsed: number;
}

export function runProgress(run: RunSummary, taken: Taken = { steps: run.lastStep === undefined ? 0 : run.lastStep + 1, elapsed: NaN }): Progress {
  const planned = run.plannedSteps;
  const done = run.kind === "find" ? (rangeTestOf(run.summary)?.lrs.length ?? taken.steps) : taken.steps;
  const running = run.status === "running";
  const fraction = run.status === "completed" ? 1 : planned ? Math.min(done / planned, 1) : undefined;
  const stepsText = `${done}${planned ? `/${planned}` : ""} steps`;
  const epochs = plannedEpochs(run.config);
  const text = run.kind === "find" ? (running && done === 0 ? `range test · ${planned ?? "?"} steps` : stepsText) : `${run.epochCount}${epochs ? `/${epochs}` : ""} epochs · ${stepsText}`;
  const eta = running && planned && done > 0 && done < planned && taken.elapsed > 0 ? (taken.elapsed * (planned - done)) / done : undefined;
  return { fraction, text, eta };
}

/** "1/2 epochs · 900/1688 steps · 53% · 45 s so far · ETA 39 s", or what of it is known (the time so far only when given). */
export function progressText(progress: Progress, elapsed?: number): string {
  return [
    progress.text,
    progress.fraction === undefined ? "" : `${Math.floor(100 * progress.fraction)}%`,
    elapsed !== undefined && Number.isFinite(elapsed) ? `${formatSeconds(elapsed)} so far` : "",
    progress.eta === undefined ? "" : `ETA ${formatSeconds(progress.eta)}`,
  ]
    .filter(Boolean)
    .join(" · ");
}
