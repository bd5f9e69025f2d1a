/**
 * The training loop. One jitted step does the whole update:
 *
 *   (ŷ, buffers') = model(θ, buffers, x)            forward, train mode
 *   J(θ) = loss(ŷ, y),  g = ∇J(θ)                    value and gradient
 *   ‖g‖ = global 2-norm of g                          logged every step (before clipping)
 *   θ' , s' = optimizer(θ, g, s; η, momentum)         η and momentum are traced scalars; clipping,
 *                                                     when the run has it, leads the optimizer's chain
 *
 * Because η and momentum enter as 0-d array arguments, a schedule changes them every step without
 * recompiling. The loop reads the loss and gradient norm back each step (one 2-element read), which also
 * keeps jax-js's lazy work from piling up; that read also decides whether the step's kernels run on
 * jax-js's worker pool or on this thread (kernel-placement.ts). Everything optional happens in callbacks.
 */
import { mixSeed, purpose } from "../data/index.js";
import { jax, requireDtypeOn, type DType, type JaxArray, type Params } from "../engine/index.js";
import type { Hyper, Optimizer, OptimizerState } from "../optim/index.js";
import type { BatchSource } from "./batches.js";
import { fire, type Callback, type Metrics, type TrainState } from "./callback.js";
import { kernelPlacement, type KernelPlacement } from "./kernel-placement.js";
import { trainingLoss, type LossFn, type TrainableModel } from "./training-loss.js";


const np = jax.numpy;



export interface TrainerSetup {
  model: TrainableModel;
  loss: LossFn;
  optimizer: Optimizer;
  /** The η and momentum used while no scheduler callback sets them. */
  lr: number;
  momentum?: number;
  /** Where the step's kernels run: jax-js's worker pool, the calling thread, or "auto" (default): timed both ways, the faster kept. */
  kernels?: KernelPlacement;
}

export interface FitInput {
  params: Params;
  buffers: Params;
  optState?: OptimizerState;
  train: BatchSource;
  epochs: number;
  /** Epochs already done (when resuming from a checkpoint). */
  startEpoch?: number;
  startStep?: number;
  seed: number;
  callbacks?: Callback[];
  /** Computes validation metrics at the end of every epoch from the state (borrowing its arrays). */
  validate?: (state: TrainState) => Promise<Metrics>;
}

export interface FitOutput {
  params: Params;
  buffers: Params;
  optState: OptimizerState;
  epochs: number;
  steps: number;
  stopped: TrainState["stop"];
}

/** The η and momentum of this step as traced 0-d arrays; momentum only while a scheduler cycles it. */
function hyperFor(state: TrainState, dtype: DType): Hyper {
  const lr = np.full([], state.lr, { dtype });
  return state.momentum === undefined ? { lr } : { lr, momentum: np.full([], state.momentum, { dtype }) };
}


/** `stats` holds [loss, global gradient norm] in float32, read back in one transfer. */
type StepOutput = { params: Params; buffers: Params; optState: OptimizerState; stats: JaxArray };

/** Global 2-norm √(Σ g²) over every gradient tensor; borrows the gradients. */
function globalNorm(grads: Params): JaxArray {
  const squares = Object.values(grads).map((g) => np.sum(g.ref.mul(g.ref)).astype(np.float32));
  return np.sqrt(squares.reduce((a, b) => a.add(b)));
}

export function createTrainer(setup: TrainerSetup) {
  const { model, loss, optimizer } = setup;

  const trainStep = jax.jit(
    (params: Params, buffers: Params, optState: OptimizerState, x: JaxArray, y: JaxArray, hyper: Hyper, key: JaxArray): StepOutput => {
      const [[lossValue, newBuffers], grads] = jax.valueAndGrad(trainingLoss(model, loss, buffers, x, y, key), { hasAux: true })(jax.tree.ref(params));
      const gradNorm = globalNorm(grads);
      const [newParams, newOptState] = optimizer.step(params, grads, optState, hyper);
      jax.tree.dispose(hyper);
      const stats = np.stack([lossValue.astype(np.float32), gradNorm]);
      return { params: newParams, buffers: newBuffers, optState: newOptState, stats };
    },
  );

  async function fit(input: FitInput): Promise<FitOutput> {
    const callbacks = input.callbacks ?? [];
    for (const [name, p] of Object.entries(input.params)) requireDtypeOn(p.device, p.dtype, `trainer: parameter "${name}"`);
    const state: TrainState = {
      epoch: input.startEpoch ?? 0,
      step: input.startStep ?? 0,
      stepsPerEpoch: input.train.batchesPerEpoch,
      lr: setup.lr,
      momentum: setup.momentum,
      loss: NaN,
      gradNorm: NaN,
      trainLoss: NaN,
      val: {},
      stop: undefined,
      params: input.params,
      buffers: input.buffers,
      optState: input.optState ?? optimizer.init(input.params),
    };
    const first = Object.values(state.params)[0];
    const dtype = first?.dtype ?? np.float32;
    const placement = kernelPlacement(setup.kernels ?? "auto", first?.device ?? "wasm");

    const fixedKey = jax.random.key(input.seed);
    await fire(callbacks, "beforeFit", state);
    for (; state.epoch < input.epochs && !state.stop; state.epoch++) {
      await fire(callbacks, "beforeEpoch", state);
      let lossSum = 0;
      let batches = 0;
      for (const batch of input.train.epoch(state.epoch)) {
        await fire(callbacks, "beforeBatch", state);
        await placement.beforeStep([state.params, state.buffers, state.optState]);
        const out = trainStep(
          state.params,
          state.buffers,
          state.optState,
          batch.x,
          batch.y,
          hyperFor(state, dtype),
          model.random ? jax.random.key(mixSeed(input.seed, purpose.dropout, state.step)) : fixedKey.ref,
        );
        state.params = out.params;
        state.buffers = out.buffers;
        state.optState = out.optState;
        const stats = await placement.read(out.stats);
        state.loss = stats[0]!;
        state.gradNorm = stats[1]!;
        lossSum += state.loss;
        batches++;
        await fire(callbacks, "afterBatch", state);
        state.step++;
        if (state.stop) break;
      }
      state.trainLoss = lossSum / Math.max(batches, 1);
      state.val = input.validate ? await input.validate(state) : {};
      await fire(callbacks, "afterEpoch", state);
    }
    fixedKey.dispose();
    await fire(callbacks, "afterFit", state);
    return { params: state.params, buffers: state.buffers, optState: state.optState, epochs: state.epoch, steps: state.step, stopped: state.stop };
  }

  return {
    fit,
    dispose() {
      trainStep.dispose();
    },
  };
}
