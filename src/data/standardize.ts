/**
 * Standardisation with statistics fitted on the training set only, then applied unchanged to
 * validation and test sets (so no information leaks from them into training).
 */
import { ConfigError } from "../errors.js";
import { sampleSize } from "./dataset.js";
import type { Dataset } from "./types.js";

export interface Standardizer {
  /** Per feature (or per channel) mean μ fitted on the training set. */
  readonly mean: Float32Array;
  /** Per feature (or per channel) standard deviation σ, with 1 where the data had σ = 0. */
  readonly std: Float32Array;
  /** The dataset with x ↦ (x − μ) / σ; labels, shape and classes unchanged. */
  apply<D extends Dataset>(dataset: D): D;
}

export interface StandardizeOptions {
  /**
   * "feature" (default): one μ, σ per value of a sample (scikit-learn's `StandardScaler` on
   * flattened samples). "channel": one μ, σ per channel, over all samples and pixels (the
   * statistics people pass to torchvision's `Normalize(mean, std)`); needs a [C, H, W] shape.
   */
  per?: "feature" | "channel";
}

/**
 * Fit μ and σ on `train`: for each group g (a feature, or a channel's pixels) with values
 * v₁ … v_m over all samples, μ_g = (1/m) Σ vᵢ and σ_g = √((1/m) Σ (vᵢ − μ_g)²) (population
 * deviation, as scikit-learn's StandardScaler), accumulated in float64 in two passes; σ_g = 0
 * becomes 1 (as scikit-learn), so constant features map to 0 rather than NaN.
 */
export function fitStandardizer(train: Dataset, options: StandardizeOptions = {}): Standardizer {
  const per = options.per ?? "feature";
  const shape = train.sampleShape;
  if (per === "channel" && shape.length !== 3) {
    throw new ConfigError(`standardize.per: "channel" needs [C, H, W] samples; ${train.name} has shape [${shape.join(", ")}]`, "standardize", "per", per);
  }
  if (train.n === 0) throw new ConfigError(`standardize: cannot fit on ${train.name}, which has no samples`, "standardize");
  const d = sampleSize(shape);
  const groups = per === "channel" ? shape[0]! : d;
  const run = d / groups;
  const count = train.n * run;
  const x = train.x;
  const sum = new Float64Array(d);
  for (let base = 0; base < x.length; base += d) {
    for (let j = 0; j < d; j++) sum[j]! += x[base + j]!;
  }
  const mean = perGroup(sum, run).map((s) => s / count);
  const featureMean = perFeature(mean, run);
  const squares = new Float64Array(d);
  for (let base = 0; base < x.length; base += d) {
    for (let j = 0; j < d; j++) {
      const centred = x[base + j]! - featureMean[j]!;
      squares[j]! += centred * centred;
    }
  }
  const std = perGroup(squares, run).map((s) => Math.sqrt(s / count) || 1);
  return standardizer(Float32Array.from(mean), Float32Array.from(std), d, run);
}

/** Sums over each group's `run` consecutive features. */
function perGroup(values: Float64Array, run: number): Float64Array {
  const out = new Float64Array(values.length / run);
  values.forEach((v, j) => (out[Math.floor(j / run)]! += v));
  return out;
}

/** Each group's value repeated over its `run` features. */
function perFeature(values: Float64Array | Float32Array, run: number): Float64Array {
  const out = new Float64Array(values.length * run);
  out.forEach((_, j) => (out[j] = values[Math.floor(j / run)]!));
  return out;
}

function standardizer(mean: Float32Array, std: Float32Array, d: number, run: number): Standardizer {
  const featureMean = perFeature(mean, run);
  const featureStd = perFeature(std, run);
  return {
    mean,
    std,
    apply<D extends Dataset>(dataset: D): D {
      if (sampleSize(dataset.sampleShape) !== d) {
        throw new ConfigError(`standardize: fitted on samples of ${d} values; ${dataset.name} has ${sampleSize(dataset.sampleShape)}`, "standardize");
      }
      const source = dataset.x;
      const x = new Float32Array(source.length);
      for (let base = 0; base < x.length; base += d) {
        for (let j = 0; j < d; j++) x[base + j] = (source[base + j]! - featureMean[j]!) / featureStd[j]!;
      }
      return { ...dataset, x };
    },
  };
}
