import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { DataError } from "../errors.js";
import type { ClassificationDataset, Dataset } from "../types.js";
import { DATA_DIR_ENV, dataDirCandidates } from "./data-dir.js";
import { clearDatasetCache, loadDataset } from "./named.js";

const classCounts = (d: Dataset) => (d.task === "classification" ? d.classes.map((_, c) => d.y.filter((y) => y === c).length) : []);
const sum = (a: number[], b: number[]) => a.map((v, i) => v + b[i]!);

describe("loadDataset: tabular sets with a seeded, stratified 20 % test split", () => {
  const cases: [string, number[], number[]][] = [
    ["iris", [4], [50, 50, 50]],
    ["wine", [13], [59, 71, 48]],
    ["breast-cancer", [30], [212, 357]],
    ["digits", [1, 8, 8], [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]],
  ];
  for (const [name, shape, counts] of cases) {
    it(`${name}: ${counts.reduce((a, b) => a + b)} samples of shape [${shape}]`, async () => {
      const { train, test } = await loadDataset(name);
      const n = counts.reduce((a, b) => a + b);
      expect(train.n + test.n).toBe(n);
      expect(test.n).toBe(Math.ceil(0.2 * n));
      expect(train.sampleShape).toEqual(shape);
      expect(sum(classCounts(train), classCounts(test))).toEqual(counts);
      expect(train.name).toBe(`${name}/train`);
    });
  }

  it("iris keeps its class names and digits its pixels in [0, 1]", async () => {
    const iris = (await loadDataset("iris")).train as ClassificationDataset;
    expect(iris.classes).toEqual(["setosa", "versicolor", "virginica"]);
    const digits = (await loadDataset("digits")).train;
    expect(Math.max(...digits.x)).toBe(1);
    expect(Math.min(...digits.x)).toBe(0);
  });

  it("diabetes: 442 × 10 regression with raw targets", async () => {
    const { train, test } = await loadDataset("diabetes");
    expect(train.task).toBe("regression");
    expect(train.n + test.n).toBe(442);
    expect(train.sampleShape).toEqual([10]);
    const targets = [...train.y, ...test.y];
    expect(targets.reduce((a, b) => a + b) / 442).toBeCloseTo(152.133, 2);
  });

  it("splits by seed and test fraction", async () => {
    const a = await loadDataset({ name: "iris", seed: 1 });
    const b = await loadDataset({ name: "iris", seed: 2 });
    expect(Array.from(a.test.x)).not.toEqual(Array.from(b.test.x));
    expect((await loadDataset({ name: "iris", testFraction: 0.5 })).test.n).toBe(75);
  });
});

describe("loadDataset: image sets", () => {
  it("mnist and fashion-mnist: official splits, cached, limit cut from the cache", async () => {
    const mnist = await loadDataset("mnist");
    expect([mnist.train.n, mnist.test.n]).toEqual([60000, 10000]);
    expect(await loadDataset("mnist")).toBe(mnist);
    const few = await loadDataset({ name: "mnist", limit: 100 });
    expect([few.train.n, few.test.n]).toEqual([100, 100]);
    expect(Array.from(few.test.y.subarray(0, 3))).toEqual([7, 2, 1]);
    const fashion = (await loadDataset({ name: "fashion-mnist", limit: 5 })).train as ClassificationDataset;
    expect(fashion.classes[9]).toBe("Ankle boot");
    expect(fashion.sampleShape).toEqual([1, 28, 28]);
  });

  it("cifar10 with a limit: an even share of each class per split", async () => {
    const { train, test } = await loadDataset({ name: "cifar10", limit: 20 });
    for (const d of [train, test] as ClassificationDataset[]) {
      expect(d.n).toBe(20);
      expect(d.sampleShape).toEqual([3, 32, 32]);
      expect(d.classes).toEqual(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]);
      expect(classCounts(d)).toEqual(new Array(10).fill(2));
    }
    expect(train.name).toBe("cifar10/train");
  });
});

describe("loadDataset: CSV files", () => {
  it("reads a CSV with a label column and splits it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lrkit-load-csv-"));
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 2 ? "odd" : "even"}`);
    await writeFile(join(dir, "parity.csv"), ["value,parity", ...rows].join("\n"));
    const { train, test } = await loadDataset({ csv: join(dir, "parity.csv"), label: "parity", testFraction: 0.25 });
    expect([train.n, test.n]).toEqual([15, 5]);
    expect(train.name).toBe("parity.csv/train");
    expect((train as ClassificationDataset).classes).toEqual(["even", "odd"]);
  });
});

describe("loadDataset: errors", () => {
  afterEach(() => {
    delete process.env[DATA_DIR_ENV];
    clearDatasetCache();
  });

  it("rejects unknown names and keys with a ConfigError and a hint", async () => {
    await expect(loadDataset("mnsit")).rejects.toThrow(ConfigError);
    await expect(loadDataset("mnsit")).rejects.toThrow(/did you mean "mnist"/);
    await expect(loadDataset({ name: "iris", sed: 1 })).rejects.toThrow(/unknown key "sed" \(did you mean "seed"\?\)/);
    await expect(loadDataset({ name: "mnist", testFraction: 0.1 })).rejects.toThrow(/data.testFraction: mnist has an official test split/);
    await expect(loadDataset({ csv: "x.csv" })).rejects.toThrow(/data.label/);
    await expect(loadDataset(42)).rejects.toThrow(/a dataset is a name/);
    await expect(loadDataset({ name: "fashion", limit: 5 })).rejects.toThrow(/data.name: unknown dataset "fashion"/);
  });

  it("lists every path tried when the files are missing", async () => {
    const empty = await mkdtemp(join(tmpdir(), "lrkit-empty-"));
    const error = await loadDataset("mnist", { dataDir: empty }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toContain(`cannot load mnist. Tried:`);
    expect((error as Error).message).toContain(`${join(empty, "mnist/train-images-idx3-ubyte.gz")} or ${join(empty, "mnist/train-images-idx3-ubyte")} (the dataDir option): not found`);
    process.env[DATA_DIR_ENV] = empty;
    expect(dataDirCandidates()).toEqual([{ dir: empty, from: `$${DATA_DIR_ENV}` }]);
    await expect(loadDataset("iris")).rejects.toThrow(`${join(empty, "tabular/iris.csv")} ($${DATA_DIR_ENV}): not found`);
  });

  it("tries ../shared/datasets from the working directory, then from the package root", () => {
    const candidates = dataDirCandidates();
    expect(candidates[0]).toEqual({ dir: resolve("../shared/datasets"), from: "../shared/datasets from the working directory" });
    expect(candidates.at(-1)!.dir).toBe(resolve(import.meta.dirname, "../../../../shared/datasets"));
  });

  it("names the malformed file and what was wrong with it", async () => {
    const bad = await mkdtemp(join(tmpdir(), "lrkit-bad-"));
    await mkdir(join(bad, "tabular"));
    await writeFile(join(bad, "tabular", "iris.csv"), "2,1,a,b\n1,0\nx,1\n");
    await expect(loadDataset("iris", { dataDir: bad })).rejects.toThrow(
      `cannot load iris. Tried:\n  - ${bad} (the dataDir option): ${join(bad, "tabular/iris.csv")}: line 3, column 0: "x" is not a number`,
    );
  });
});
