/**
 * Probes the sharpness λ_max(∇²J) every `every` steps on one fixed batch (the probe's `sharpnessProbe`,
 * ≈ 2·iters gradient evaluations each time) and records it beside the stability threshold for the
 * η the step used (`stabilityThreshold`): rows at steps 0, every, 2·every, … after the step is taken.
 * The loss is the training loss (train mode, the fixed key), so it is the function the step descends.
 * With `preconditioning` (Adam, AdamW, RMSprop) each probe also measures λ_max(P⁻¹H) with the
 * optimizer's preconditioner P at that step, beside its threshold ((2 + 2β₁)/(η(1 − β₁)) for Adam):
 * a second power iteration, so twice the cost.
 */
import { jax, type JaxArray, type Params } from "../../engine/index.js";
import type { SharpnessRow } from "../../log/index.js";
import type { ArrayBatch } from "../batches.js";
import type { Callback } from "../callback.js";
import { sharpnessProbe, stabilityThreshold, type Preconditioning, type SharpnessRule } from "../sharpness/index.js";
import { trainingLoss, type LossFn, type TrainableModel } from "../training-loss.js";

export interface SharpnessMonitorOptions {
  model: TrainableModel;
  loss: LossFn;
  /** The fixed batch the probe differentiates on; the monitor keeps it (consumed) until afterFit. */
  batch: ArrayBatch;
  every: number;
  iters: number;
  rule?: SharpnessRule;
  /** Also probe the preconditioned sharpness with this optimizer's preconditioner. */
  preconditioning?: Preconditioning;
  seed?: number;
  /** Told each row as it is recorded (e.g. to write it to the run store while the run goes on). */
  onRow?: (row: SharpnessRow) => void;
}

export type { SharpnessRow };

export interface SharpnessMonitor extends Callback {
  readonly rows: SharpnessRow[];
}

type ProbeData = { x: JaxArray; y: JaxArray; buffers: Params; key: JaxArray };

export function sharpnessMonitor({ model, loss, batch, every, iters, rule = { kind: "sgd" }, preconditioning, seed = 0, onRow }: SharpnessMonitorOptions): SharpnessMonitor {
  const probeLoss = (params: Params, d: ProbeData): JaxArray => {
    const [value, buffers] = trainingLoss(model, loss, d.buffers, d.x, d.y, d.key)(params);
    jax.tree.dispose(buffers);
    return value;
  };
  const { probe, dispose } = sharpnessProbe(probeLoss, { iters, seed });
  const key = jax.random.key(seed);
  const rows: SharpnessRow[] = [];
  return {
    rows,
    async afterBatch(state) {
      if (state.step % every !== 0) return;
      const data: ProbeData = { x: batch.x, y: batch.y, buffers: state.buffers, key };
      const sharpness = await probe(state.params, data);
      const row: SharpnessRow = { step: state.step, sharpness, threshold: stabilityThreshold(rule, state.lr) };
      if (preconditioning) {
        const scale = preconditioning.scale(state.optState, state.step + 1);
        row.preconditioned = await probe(state.params, data, scale);
        jax.tree.dispose(scale);
        row.preconditionedThreshold = stabilityThreshold(preconditioning.rule(state.momentum), state.lr);
      }
      rows.push(row);
      onRow?.(row);
    },
    afterFit() {
      dispose();
      jax.tree.dispose([batch.x, batch.y, key]);
    },
  };
}
