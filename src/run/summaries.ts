/**
 * The summaries a finished run keeps (`log/`'s `TrainSummary` and `RangeTestSummary`), made from
 * what the run returned: what `--json` prints and the run store holds.
 */
import type { RangeTestResult } from "../find/index.js";
import type { FinalStatus } from "../store/index.js";
import { suggestionNames } from "../find/index.js";
import type { RangeTestSummary, TrainSummary } from "../log/index.js";
import { diagnoseLr, type LrDiagnosis } from "../report/index.js";
import type { TrainingRunResult } from "./train.js";

/** What a training run did, with the diagnosis of what η did (from its whole logged curves and its sharpness probes). */
export function trainSummary(run: TrainingRunResult, runId: string | undefined): TrainSummary & { diagnosis: LrDiagnosis } {
  const { steps, epochs } = run.history;
  const divergence = run.spec.divergence ? { factor: run.spec.divergence.factor, beta: run.spec.divergence.beta } : undefined;
  return {
    run_id: runId ?? null,
    metrics: run.metrics,
    epochs: run.epochs,
    steps: run.steps,
    wall_seconds: run.wall_seconds,
    lr_final: run.lr_final,
    stopped: run.stopped ?? null,
    device: run.device,
    diagnosis: diagnoseLr({ steps: steps.step, loss: steps.loss, lr: steps.lr, gradNorm: steps.gradNorm, epochs, stopped: run.stopped, divergence, sharpness: run.sharpness }),
    ...(run.sharpness && { sharpness: run.sharpness }),
  };
}

/** A finished run's status in the store: diverged when the guard stopped it, else completed (early stopping completes a run). */
export function trainStatus(run: TrainingRunResult): FinalStatus {
  return !run.stopped || run.stopped.kind === "early_stopping" ? "completed" : "diverged";
}

/** The curve and each rule's suggestion (null where a rule found none). */
export function rangeTestSummary(result: RangeTestResult): RangeTestSummary {
  return {
    lrs: result.lrs,
    losses: result.losses,
    raw_losses: result.rawLosses,
    suggestions: Object.fromEntries(suggestionNames.map((name) => [name, result.suggestions[name].lr ?? null])),
    stopped_early: result.stopped !== undefined,
    stop_reason: result.stopped?.reason ?? null,
    loss_kind: result.lossKind,
    settings: { ...result.settings },
    seconds: result.seconds,
  };
}
