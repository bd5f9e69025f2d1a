/**
 * Named datasets and CSV files, loaded as `{ train, test }`, from the data folder (see
 * `data-dir.ts`) laid out as `/work/shared/datasets/README.md` describes.
 *
 * | name | files | shape | split |
 * | --- | --- | --- | --- |
 * | mnist, fashion-mnist | `<name>/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]` | [1, 28, 28] | official 60,000 / 10,000 |
 * | cifar10 | `cifar10/cifar10-jpeg.tar.gz` (or its unpacked `cifar10/` folder) | [3, 32, 32] | official 50,000 / 10,000 |
 * | digits | `tabular/digits.csv.gz`, values 0–16 scaled to [0, 1] by /16 | [1, 8, 8] | held out |
 * | iris, wine, breast-cancer | `tabular/{iris,wine_data,breast_cancer}.csv` (scikit-learn's layout) | [4], [13], [30] | held out |
 * | diabetes | `tabular/diabetes_data_raw.csv.gz` + `diabetes_target.csv.gz`, raw (unscaled) features | [10], regression | held out |
 *
 * "Held out": these have no official test split, so a seeded `trainTestSplit` holds out
 * `testFraction` (default 0.2, seed 0), stratified for classification.
 * `limit` keeps the first `limit` samples of each split (file order for IDX, after the split for
 * held-out sets), and for cifar10 an even share of each class (see `readImageFolderSplits`).
 */
import { resolve } from "node:path";
import { parseNumberTable } from "../csv.js";
import { createDataset, head } from "../dataset.js";
import { DataError } from "../errors.js";
import { DEFAULT_TEST_FRACTION, parseDatasetSpec, type CsvDatasetSpec, type DatasetName, type DatasetSpec } from "../spec.js";
import { trainTestSplit } from "../split.js";
import type { Dataset, TrainTest } from "../types.js";
import { dataDirCandidates, loadFromDataDir } from "./data-dir.js";
import { readImageFolderSplits } from "./image-folder.js";
import { readCsv, readIdx, readSklearnCsv } from "./readers.js";
import { readText } from "./files.js";

export interface LoadOptions {
  /** The data folder; default $LRKIT_DATA_DIR, else ../shared/datasets (see data-dir.ts). */
  dataDir?: string;
}

const FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

const cache = new Map<string, Promise<TrainTest>>();

/**
 * Load a dataset named by `spec` (validated by `parseDatasetSpec`; a bad spec is a ConfigError).
 * Named datasets are cached per process, keyed by spec and data folder, so loading MNIST twice
 * costs one read (a `limit` is cut from the cached full set, except for cifar10, where it decides
 * which images are decoded); the result is shared, so do not write into it. CSV files are read every time;
 * a relative `csv` path is taken from the working directory.
 */
export async function loadDataset(spec: DatasetSpec | unknown, options: LoadOptions = {}): Promise<TrainTest> {
  const parsed = parseDatasetSpec(spec);
  if ("csv" in parsed) return loadCsv(parsed);
  const { name, limit, testFraction = DEFAULT_TEST_FRACTION, seed = 0 } = parsed;
  const dirs = dataDirCandidates(options.dataDir).map((c) => c.dir);
  if (name === "cifar10") return cached(JSON.stringify([name, limit, dirs]), () => loadCifar10(options.dataDir, limit));
  const sets = await cached(JSON.stringify([name, testFraction, seed, dirs]), () => loadNamed(name, options.dataDir, { testFraction, seed }));
  return limited(sets, limit);
}

function cached(key: string, load: () => Promise<TrainTest>): Promise<TrainTest> {
  let loading = cache.get(key);
  if (!loading) {
    loading = load();
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

/** Forget the cached datasets (their memory is freed once no caller holds them). */
export function clearDatasetCache(): void {
  cache.clear();
}

async function loadCsv(spec: CsvDatasetSpec): Promise<TrainTest> {
  const { csv, limit, testFraction = DEFAULT_TEST_FRACTION, seed = 0, ...csvOptions } = spec;
  const dataset = await readCsv(resolve(csv), csvOptions);
  return limited(trainTestSplit(dataset, { testFraction, seed }), limit);
}

function limited(sets: TrainTest, limit: number | undefined): TrainTest {
  if (limit === undefined) return sets;
  return { train: head(sets.train, limit), test: head(sets.test, limit) };
}

type Split = { testFraction: number; seed: number };

async function loadNamed(name: Exclude<DatasetName, "cifar10">, dataDir: string | undefined, split: Split): Promise<TrainTest> {
  switch (name) {
    case "mnist":
    case "fashion-mnist":
      return loadIdxPair(name, dataDir);
    case "iris":
      return heldOut(loadFromDataDir("iris", [["tabular/iris.csv"]], dataDir, ([p]) => readSklearnCsv(p!, "iris")), split);
    case "wine":
      return heldOut(loadFromDataDir("wine", [["tabular/wine_data.csv"]], dataDir, ([p]) => readSklearnCsv(p!, "wine")), split);
    case "breast-cancer":
      return heldOut(loadFromDataDir("breast-cancer", [["tabular/breast_cancer.csv"]], dataDir, ([p]) => readSklearnCsv(p!, "breast-cancer")), split);
    case "digits":
      return heldOut(loadFromDataDir("digits", [["tabular/digits.csv.gz", "tabular/digits.csv"]], dataDir, ([p]) => readDigits(p!)), split);
    case "diabetes":
      return heldOut(
        loadFromDataDir("diabetes", [["tabular/diabetes_data_raw.csv.gz"], ["tabular/diabetes_target.csv.gz"]], dataDir, ([x, y]) => readDiabetes(x!, y!)),
        split,
      );
  }
}

async function heldOut(loading: Promise<Dataset>, split: Split): Promise<TrainTest> {
  return trainTestSplit(await loading, split);
}

function loadIdxPair(name: "mnist" | "fashion-mnist", dataDir: string | undefined): Promise<TrainTest> {
  const file = (stem: string) => [`${name}/${stem}.gz`, `${name}/${stem}`];
  const files = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"].map(file);
  const classes = name === "fashion-mnist" ? FASHION_CLASSES : undefined;
  return loadFromDataDir(name, files, dataDir, async ([trainImages, trainLabels, testImages, testLabels]) => {
    const [train, test] = await Promise.all([
      readIdx(trainImages!, trainLabels!, { name: `${name}/train`, classes }),
      readIdx(testImages!, testLabels!, { name: `${name}/test`, classes }),
    ]);
    return { train, test };
  });
}

function loadCifar10(dataDir: string | undefined, limit: number | undefined): Promise<TrainTest> {
  return loadFromDataDir("cifar10", [["cifar10/cifar10-jpeg.tar.gz", "cifar10/train"]], dataDir, ([path]) => {
    const archive = path!.endsWith(".tar.gz");
    const source = archive ? path! : resolve(path!, "..");
    const roots = archive ? { train: "cifar10/train", test: "cifar10/test" } : { train: "train", test: "test" };
    return readImageFolderSplits(source, roots, { limit, name: "cifar10" });
  });
}

async function readDigits(path: string): Promise<Dataset> {
  const table = parseNumberTable(await readText(path), path);
  if (table.columns !== 65) throw new DataError(`${path}: digits rows have 64 pixels and a label; found ${table.columns} columns`, path);
  const n = table.rows;
  const x = new Float32Array(n * 64);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 64; j++) x[i * 64 + j] = table.values[i * 65 + j]! / 16;
    y[i] = table.values[i * 65 + 64]!;
  }
  const classes = Array.from({ length: 10 }, (_, i) => String(i));
  return createDataset({ name: "digits", task: "classification", n, x, y, sampleShape: [1, 8, 8], classes });
}

async function readDiabetes(featuresPath: string, targetPath: string): Promise<Dataset> {
  const features = parseNumberTable(await readText(featuresPath), featuresPath, "whitespace");
  const target = parseNumberTable(await readText(targetPath), targetPath, "whitespace");
  if (target.columns !== 1 || target.rows !== features.rows) {
    throw new DataError(`${targetPath}: expected one target per row of ${featuresPath} (${features.rows}); found ${target.rows} rows × ${target.columns} columns`, targetPath);
  }
  return createDataset({ name: "diabetes", task: "regression", n: features.rows, x: features.values, y: target.values, sampleShape: [features.columns] });
}
