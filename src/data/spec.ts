/**
 * Which dataset to load, as written in a config file or on the command line: a known name
 * (`"mnist"`), a name with options (`{ name: "cifar10", limit: 1000 }`), or a CSV file with a label
 * column (`{ csv: "houses.csv", label: "price", task: "regression" }`).
 */
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { closestName, parseSpec } from "../spec/index.js";

export const datasetNames = ["mnist", "fashion-mnist", "cifar10", "digits", "iris", "wine", "breast-cancer", "diabetes"] as const;
export type DatasetName = (typeof datasetNames)[number];

/** Datasets without an official test split; lrkit holds out a seeded `testFraction` of them. */
export const tabularNames: readonly DatasetName[] = ["digits", "iris", "wine", "breast-cancer", "diabetes"];

/** Fraction held out as the test split of a dataset that has none, unless the spec says otherwise. */
export const DEFAULT_TEST_FRACTION = 0.2;

const common = {
  /** Keep at most this many samples of each split (see `loadDataset` for which ones). */
  limit: z.int().positive().optional(),
  /** Test fraction for datasets without an official split, in (0, 1); default 0.2. */
  testFraction: z.number().gt(0).lt(1).optional(),
  /** Seed of that split; default 0. */
  seed: z.int().optional(),
};

const namedSchema = z.strictObject({ name: z.enum(datasetNames), ...common });

const csvSchema = z.strictObject({
  csv: z.string().min(1),
  label: z.union([z.string().min(1), z.int().nonnegative()]),
  task: z.enum(["classification", "regression"]).optional(),
  header: z.boolean().optional(),
  delimiter: z.string().min(1).optional(),
  ...common,
});

export type NamedDatasetSpec = z.output<typeof namedSchema>;
export type CsvDatasetSpec = z.output<typeof csvSchema>;
export type DatasetSpec = DatasetName | NamedDatasetSpec | CsvDatasetSpec;

/** Validate a dataset spec; a bad name, key or value is a ConfigError naming it (`where` prefixes keys). */
export function parseDatasetSpec(input: unknown, where = "data"): NamedDatasetSpec | CsvDatasetSpec {
  if (typeof input === "string") return { name: knownName(input, where) };
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ConfigError(
      `${where}: a dataset is a name (${datasetNames.join(", ")}), { name, … } or { csv, label, … }; got ${JSON.stringify(input)}`,
      where,
      undefined,
      input,
    );
  }
  if ("name" in input && typeof input.name === "string") knownName(input.name, `${where}.name`);
  const spec = "csv" in input ? parseSpec(csvSchema, input, where) : parseSpec(namedSchema, input, where);
  if ("name" in spec && !tabularNames.includes(spec.name) && (spec.testFraction !== undefined || spec.seed !== undefined)) {
    const key = spec.testFraction !== undefined ? "testFraction" : "seed";
    throw new ConfigError(
      `${where}.${key}: ${spec.name} has an official test split; testFraction and seed apply only to ${tabularNames.join(", ")} and CSV files`,
      where,
      key,
      spec[key],
    );
  }
  return spec;
}

function knownName(name: string, where: string): DatasetName {
  if ((datasetNames as readonly string[]).includes(name)) return name as DatasetName;
  const guess = closestName(name, datasetNames);
  const hint = guess ? ` (did you mean "${guess}"?)` : "";
  throw new ConfigError(`${where}: unknown dataset "${name}"${hint}; known: ${datasetNames.join(", ")}, or { csv, label } for a CSV file`, where, "name", name);
}
