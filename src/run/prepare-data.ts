/**
 * The splits a run trains, validates and tests on: a validation part split off the training set
 * (seeded, stratified; `val_fraction`), and standardisation fitted on the training part only — by
 * default (`standardize: auto`) for flat feature vectors, per feature; with `standardize: true`
 * also for images, per channel.
 */
import { fitStandardizer, trainTestSplit, type Dataset, type TrainTest } from "../data/index.js";
import type { RunSpec } from "./spec.js";

export interface RunData {
  train: Dataset;
  val: Dataset | undefined;
  test: Dataset;
}

export function prepareData(data: TrainTest, spec: Pick<RunSpec, "val_fraction" | "seed" | "standardize">): RunData {
  let train: Dataset = data.train;
  let val: Dataset | undefined;
  if (spec.val_fraction > 0) {
    const split = trainTestSplit(data.train, { testFraction: spec.val_fraction, seed: spec.seed });
    train = split.train;
    val = split.test;
  }
  const standardize = spec.standardize === "auto" ? train.sampleShape.length === 1 : spec.standardize;
  if (!standardize) return { train, val, test: data.test };
  const standardizer = fitStandardizer(train, { per: train.sampleShape.length === 3 ? "channel" : "feature" });
  return { train: standardizer.apply(train), val: val && standardizer.apply(val), test: standardizer.apply(data.test) };
}
