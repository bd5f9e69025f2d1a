/**
 * Losses with PyTorch's definitions and its default reduction (the mean). Each consumes its two
 * arguments and returns a 0-d array; all are jittable and differentiable in the prediction.
 *
 * Elementwise losses (MSE, Huber, BCE) average over every element, as PyTorch's reduction='mean';
 * their two arguments must have the same shape (PyTorch would broadcast [B, 1] against [B] into
 * [B, B] with only a warning; here it is an error).
 *
 * Precision: exp/log are float32-accurate in jax-js even for float64 arrays.
 */
import { jax, type JaxArray, scalarOf } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { formatShape } from "./shape.js";

const np = jax.numpy;

/** Mean squared error, PyTorch's `MSELoss`: mean((ŷ − y)²). */
export function mseLoss(prediction: JaxArray, target: JaxArray): JaxArray {
  sameShape("MSELoss", prediction, target);
  const d = prediction.sub(target);
  return d.ref.mul(d).mean();
}

/**
 * Huber loss, PyTorch's `HuberLoss(delta)`: with d = ŷ − y,
 * ℓ = ½ d² if |d| < δ, else δ · (|d| − ½ δ); the mean over elements. δ = 1 by default.
 */
export function huberLoss(prediction: JaxArray, target: JaxArray, delta = 1): JaxArray {
  if (!(delta > 0)) throw new ConfigError(`HuberLoss.delta: must be positive; got ${delta}`, "loss", "delta", delta);
  sameShape("HuberLoss", prediction, target);
  const dtype = prediction.dtype;
  const a = np.abs(prediction.sub(target));
  const quadratic = a.ref.mul(a.ref).mul(scalarOf(0.5, dtype));
  const linear = a.ref.sub(scalarOf(0.5 * delta, dtype)).mul(scalarOf(delta, dtype));
  return np.where(a.less(scalarOf(delta, dtype)), quadratic, linear).mean();
}

export interface BceOptions {
  /** Weight of the positive term, per class (broadcast along the last axis), as PyTorch's `pos_weight`. */
  posWeight?: number | readonly number[];
}

/**
 * Binary cross-entropy on logits, PyTorch's `BCEWithLogitsLoss`, in the stable form
 *
 *   ℓ = (1 − y) · z + (1 + (w − 1) · y) · (log1p(e^(−|z|)) + max(−z, 0))
 *
 * (log1p(e^(−|z|)) + max(−z, 0) = log(1 + e^(−z)) without overflow); for w = 1 this is
 * max(z, 0) − z · y + log1p(e^(−|z|)). The mean over elements.
 * Targets y are probabilities in [0, 1] (usually 0 or 1) of the logits' dtype.
 */
export function bceWithLogitsLoss(logits: JaxArray, target: JaxArray, { posWeight }: BceOptions = {}): JaxArray {
  sameShape("BCEWithLogitsLoss", logits, target);
  const y = target.astype(logits.dtype);
  const softplusNeg = softplusOfNegative(logits.ref);
  const weighted = posWeight === undefined ? softplusNeg : positiveWeight(posWeight, y.ref).mul(softplusNeg);
  return logits.ref.sub(logits.mul(y)).add(weighted).mean();
}

/**
 * log(1 + e^(−z)) = max(−z, 0) + log1p(e^(−|z|)), with both pieces written as `where(z ≥ 0, …)`
 * so the gradient at z = 0 is the true −½ (jax-js's |z|′(0) = 1 and max's tie rule would give
 * −1.5). Consumes z.
 */
function softplusOfNegative(z: JaxArray): JaxArray {
  const nonNegative = z.ref.greaterEqual(0);
  const minusAbs = np.where(nonNegative.ref, z.ref.neg(), z.ref);
  return np.where(nonNegative, 0, z.neg()).add(np.log1p(np.exp(minusAbs)));
}

/** 1 + (w − 1) · y with w broadcast along the last axis; consumes y. */
function positiveWeight(posWeight: number | readonly number[], y: JaxArray): JaxArray {
  const w = np.array(typeof posWeight === "number" ? posWeight : [...posWeight], { dtype: y.dtype });
  return w.sub(1).mul(y).add(1);
}

export interface CrossEntropyOptions {
  /** ε of PyTorch's `label_smoothing`: the target is (1 − ε) · onehot(y) + ε / C. */
  labelSmoothing?: number;
}

/**
 * Softmax cross-entropy from logits [B, C] and integer labels [B] (int32), PyTorch's
 * `CrossEntropyLoss`: with log p = log_softmax(z) (computed as z − max z − log Σ e^(z − max z)),
 *
 *   ℓ_i = −(1 − ε) · log p_i[y_i] − (ε / C) · Σ_c log p_i[c],      loss = mean_i ℓ_i.
 */
export function crossEntropyLoss(logits: JaxArray, labels: JaxArray, { labelSmoothing = 0 }: CrossEntropyOptions = {}): JaxArray {
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new ConfigError(`CrossEntropyLoss.label_smoothing: must be in [0, 1]; got ${labelSmoothing}`, "loss", "label_smoothing", labelSmoothing);
  }
  if (logits.ndim !== 2 || labels.ndim !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new ConfigError(
      `CrossEntropyLoss: expected logits [batch, classes] and integer labels [batch]; got logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)}`,
      "loss",
      "shape",
      [logits.shape, labels.shape],
    );
  }
  const [, classes] = logits.shape as [number, number];
  const dtype = logits.dtype;
  const logp = jax.nn.logSoftmax(logits, -1);
  const isLabel = np.equal(labels.astype(np.int32).reshape([-1, 1]), np.arange(classes, undefined, undefined, { dtype: np.int32 }));
  const nll = np.where(isLabel, logp.ref, 0).sum(-1).neg();
  if (labelSmoothing === 0) {
    logp.dispose();
    return nll.mean();
  }
  const uniform = logp.mean(-1).neg();
  return nll.mul(scalarOf(1 - labelSmoothing, dtype)).add(uniform.mul(scalarOf(labelSmoothing, dtype))).mean();
}

function sameShape(loss: string, prediction: JaxArray, target: JaxArray): void {
  const a = prediction.shape;
  const b = target.shape;
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ConfigError(`${loss}: prediction ${formatShape(a)} and target ${formatShape(b)} must have the same shape`, "loss", "shape", [a, b]);
  }
}
