#!/usr/bin/env node
/**
 * lrkit's half of the trajectory comparison with PyTorch (docs/parity.md).
 *
 *     npm run build
 *     node scripts/trajectory/export.mjs --case adamw-onecycle --model cnn --steps 200 --out /tmp/traj
 *     /usr/bin/python3 scripts/trajectory/replay.py /tmp/traj
 *
 * (scripts/trajectory/compare.sh runs both on a temporary folder.)
 *
 * Trains one epoch of `steps` batches with `runTraining` — the path `lrkit train` takes — on the
 * first steps × batch Fashion-MNIST training images (no validation hold-out, so every index is
 * the image's index in the training file), and writes to --out:
 *
 * - run.json: the recipe (PyTorch-named optimizer and scheduler specs, total_steps filled in),
 *   the parameters' names and shapes, and lrkit's log: per step η, momentum or β₁ (where a
 *   scheduler cycles it), loss, gradient norm before the update, and each parameter's 2-norm after it;
 * - weights.bin: the initial parameters, float32 little-endian, in the order of run.json's `params`;
 * - grads.bin: lrkit's gradient at those parameters on the first batch, in the same layout (the
 *   replay measures from it how far apart the two float32 gradients are);
 * - order.bin: the sample indices in the order the steps consumed them (int32).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { batches, createModel, createObjective, head, jax, loadDataset, permutation, purpose, runTraining, seededGenerator } from "lrkit";

const np = jax.numpy;

/** The recipes compared. --weight-decay adds `weight_decay`; AdamW's default of 1e-2 is set to 0 so that every recipe starts without. */
const cases = {
  "sgd-onecycle": { optimizer: { type: "SGD", lr: 0.1, momentum: 0.9, nesterov: true }, scheduler: { type: "OneCycleLR", max_lr: 0.1 } },
  adam: { optimizer: { type: "Adam", lr: 1e-3 } },
  "adamw-onecycle": { optimizer: { type: "AdamW", lr: 1e-3, weight_decay: 0 }, scheduler: { type: "OneCycleLR", max_lr: 1e-2 } },
  rmsprop: { optimizer: { type: "RMSprop", lr: 1e-3 } },
};
const models = { cnn: { preset: "cnn" }, mlp: { preset: "mlp", hidden: [128] } };

const { values: args } = parseArgs({
  options: {
    case: { type: "string", default: "adamw-onecycle" },
    model: { type: "string", default: "cnn" },
    steps: { type: "string", default: "200" },
    batch: { type: "string", default: "128" },
    "weight-decay": { type: "string" },
    seed: { type: "string", default: "0" },
    out: { type: "string", default: "/tmp/lrkit-trajectory" },
  },
});
const recipe = cases[args.case];
const modelSpec = models[args.model];
if (!recipe || !modelSpec) {
  console.error(`unknown --case ${args.case} or --model ${args.model}; cases: ${Object.keys(cases).join(", ")}; models: ${Object.keys(models).join(", ")}`);
  process.exit(2);
}
const steps = Number(args.steps);
const batchSize = Number(args.batch);
const seed = Number(args.seed);
const optimizer = args["weight-decay"] === undefined ? recipe.optimizer : { ...recipe.optimizer, weight_decay: Number(args["weight-decay"]) };
const scheduler = recipe.scheduler && { ...recipe.scheduler, total_steps: steps };

const full = await loadDataset({ name: "fashion-mnist" });
const train = head(full.train, steps * batchSize);
const config = { data: { name: "fashion-mnist" }, model: modelSpec, optimizer, ...(scheduler && { scheduler }), epochs: 1, batch_size: batchSize, seed, val_fraction: 0, divergence: false };

const bytes = (values) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);
const model = createModel(modelSpec, train.sampleShape, train.classes.length);
const init = model.init({ seed });
const names = Object.keys(init.params);
const params = names.map((name) => ({ name, shape: init.params[name].shape }));
const weights = [];
for (const name of names) weights.push(bytes(await init.params[name].ref.data()));
const first = batches(train, { batchSize, shuffle: true, seed, epoch: 0 }).next().value;
const { loss } = createObjective(train, undefined);
const x = np.array(first.x, { shape: [first.size, ...train.sampleShape], dtype: np.float32 });
const y = np.array(first.y, { dtype: np.int32 });
const grads = jax.grad((p) => loss(model.apply(p, init.buffers, x, { train: true }).y, y))(jax.tree.ref(init.params));
const firstGrads = [];
for (const name of names) firstGrads.push(bytes(await grads[name].data()));
jax.tree.dispose(init);

const order = permutation(train.n, seededGenerator(seed, purpose.shuffle, 0));
let at = 0;
for (const batch of batches(train, { batchSize, shuffle: true, seed, epoch: 0 })) {
  if (!batch.y.every((label, i) => label === train.y[order[at + i]])) throw new Error(`the batch order drawn here is not the trainer's (batch at sample ${at})`);
  at += batch.size;
}

const log = { lr: [], momentum: [], loss: [], grad_norm: [], param_norms: [] };
const logSteps = {
  async afterBatch(state) {
    log.lr.push(state.lr);
    log.momentum.push(state.momentum ?? null);
    log.loss.push(state.loss);
    log.grad_norm.push(state.gradNorm);
    const norms = np.stack(names.map((name) => np.sqrt(np.sum(state.params[name].ref.mul(state.params[name].ref)))));
    log.param_norms.push(Array.from(await norms.data()));
  },
};
const run = await runTraining(config, { data: { train, test: head(full.test, batchSize) }, callbacks: [logSteps] });

mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, "weights.bin"), Buffer.concat(weights));
writeFileSync(join(args.out, "grads.bin"), Buffer.concat(firstGrads));
writeFileSync(join(args.out, "order.bin"), bytes(order));
const described = { case: args.case, model: modelSpec, dataset: "fashion-mnist", samples: train.n, batch_size: batchSize, seed, optimizer, scheduler: scheduler ?? null, params, log };
writeFileSync(join(args.out, "run.json"), `${JSON.stringify(described)}\n`);
console.log(`lrkit ${args.case}${args["weight-decay"] ? ` wd ${args["weight-decay"]}` : ""} on ${args.model}: ${run.steps} steps of ${batchSize}, final loss ${log.loss.at(-1).toFixed(4)}, ${run.wall_seconds.toFixed(1)} s → ${args.out}`);
