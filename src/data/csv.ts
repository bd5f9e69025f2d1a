/**
 * Delimited text tables: a CSV with a header line and a label column, scikit-learn's dataset CSV
 * layout, and plain numeric tables. Parsing works on text already read (and decompressed), so it
 * runs in a browser as well as in Node. Fields are trimmed and may be wrapped in double quotes;
 * a delimiter inside quotes is not supported. Blank lines are skipped. Line numbers in errors
 * count from 1, as in an editor; column indices count from 0.
 */
import { closestName } from "../spec/index.js";
import { ConfigError } from "../errors.js";
import { createDataset } from "./dataset.js";
import { DataError } from "./errors.js";
import type { ClassificationDataset, Dataset, RegressionDataset, Task } from "./types.js";

export interface CsvOptions {
  /** The label column: its name in the header, or its index counting from 0. */
  label: string | number;
  /** "classification" (default) or "regression". */
  task?: Task;
  /** Whether the first line names the columns (default true). */
  header?: boolean;
  /** Field separator (default ","); "whitespace" splits on runs of spaces and tabs. */
  delimiter?: string;
  /** Dataset name for messages (default `source`). */
  name?: string;
}

interface Row {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly fields: string[];
}

/**
 * A dataset from a CSV: every column but the label is a numeric feature (sample shape
 * [columns − 1]). Classification labels that are all non-negative integers are the class indices
 * (classes "0" … max); otherwise the distinct label strings, sorted, are the classes (as
 * scikit-learn's LabelEncoder). Missing or non-numeric features, a row with the wrong number of
 * fields and an unknown label column are DataErrors naming the file, line and column.
 */
export function parseCsv(text: string, source: string, options: CsvOptions): Dataset {
  const rows = tableRows(text, options.delimiter ?? ",");
  const names = options.header === false ? undefined : rows.shift()?.fields;
  const width = names?.length ?? rows[0]?.fields.length ?? 0;
  const labelColumn = findColumn(options.label, names, width, source);
  const column = (c: number) => (names ? `column "${names[c]}" (index ${c})` : `column ${c}`);
  checkWidths(rows, width, source);
  const n = rows.length;
  const d = width - 1;
  const x = new Float32Array(n * d);
  rows.forEach((row, i) => {
    row.fields.forEach((field, c) => {
      if (c === labelColumn) return;
      x[i * d + (c < labelColumn ? c : c - 1)] = toNumber(field, source, row.line, column(c));
    });
  });
  const labels = rows.map((row) => row.fields[labelColumn]!);
  const name = options.name ?? source;
  const at = (i: number) => `line ${rows[i]!.line}, ${column(labelColumn)}`;
  const base = { name, n, x, sampleShape: [d] };
  if (options.task === "regression") {
    const y = Float32Array.from(labels, (v, i) => toNumber(v, source, rows[i]!.line, column(labelColumn)));
    return createDataset<RegressionDataset>({ ...base, task: "regression", y });
  }
  return createDataset<ClassificationDataset>({ ...base, task: "classification", ...encodeLabels(labels, source, at) });
}

function findColumn(label: string | number, names: string[] | undefined, width: number, source: string): number {
  if (typeof label === "number") {
    if (Number.isInteger(label) && label >= 0 && label < width) return label;
    throw new ConfigError(`${source}: label column index ${label} is out of range; the file has ${width} columns (0 … ${width - 1})`, source, "label", label);
  }
  if (!names) throw new ConfigError(`${source}: label column "${label}" given by name, but the file has no header; give its index instead`, source, "label", label);
  const index = names.indexOf(label);
  if (index >= 0) return index;
  const guess = closestName(label, names);
  const hint = guess ? ` (did you mean "${guess}"?)` : "";
  throw new ConfigError(`${source}: no label column "${label}"${hint}; columns: ${names.join(", ")}`, source, "label", label);
}

function encodeLabels(labels: string[], source: string, at: (i: number) => string): { y: Int32Array; classes: string[] } {
  labels.forEach((v, i) => {
    if (v === "") throw new DataError(`${source}: ${at(i)}: missing label`, source);
  });
  const integers = labels.map((v) => (NUMBER.test(v) ? Number(v) : NaN));
  if (integers.every((v) => Number.isInteger(v) && v >= 0)) {
    const count = integers.reduce((a, b) => Math.max(a, b), -1) + 1;
    return { y: Int32Array.from(integers), classes: Array.from({ length: count }, (_, i) => String(i)) };
  }
  const classes = [...new Set(labels)].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  return { y: Int32Array.from(labels, (v) => index.get(v)!), classes };
}

/**
 * scikit-learn's CSV layout (`sklearn/datasets/data/*.csv`): a first line
 * `n_samples,n_features,class name 0,class name 1,…`, then rows of n_features numbers followed
 * by the integer class index. Row and column counts must match the first line.
 */
export function parseSklearnCsv(text: string, source: string, name: string): ClassificationDataset {
  const rows = tableRows(text, ",");
  const first = rows.shift();
  const [nSamples, nFeatures, ...classes] = first?.fields ?? [];
  const n = Number(nSamples);
  const d = Number(nFeatures);
  if (!first || !Number.isInteger(n) || !Number.isInteger(d) || d <= 0 || classes.length === 0) {
    throw new DataError(`${source}: line 1 should be "n_samples,n_features,class names…" (scikit-learn's layout); got "${first?.fields.join(",") ?? ""}"`, source);
  }
  if (rows.length !== n) throw new DataError(`${source}: line 1 announces ${n} samples; the file has ${rows.length} data rows`, source);
  checkWidths(rows, d + 1, source);
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  rows.forEach((row, i) => {
    for (let c = 0; c < d; c++) x[i * d + c] = toNumber(row.fields[c]!, source, row.line, `column ${c}`);
    const label = toNumber(row.fields[d]!, source, row.line, `column ${d} (label)`);
    if (!Number.isInteger(label) || label < 0 || label >= classes.length) {
      throw new DataError(`${source}: line ${row.line}, column ${d} (label): ${label} is not a class index 0 … ${classes.length - 1}`, source);
    }
    y[i] = label;
  });
  return createDataset({ name, task: "classification", n, x, y, sampleShape: [d], classes });
}

/** A headerless table of numbers, row-major: `values[r·columns + c]`. */
export function parseNumberTable(text: string, source: string, delimiter = ","): { rows: number; columns: number; values: Float32Array } {
  const rows = tableRows(text, delimiter);
  const columns = rows[0]?.fields.length ?? 0;
  checkWidths(rows, columns, source);
  const values = new Float32Array(rows.length * columns);
  rows.forEach((row, r) => row.fields.forEach((f, c) => (values[r * columns + c] = toNumber(f, source, row.line, `column ${c}`))));
  return { rows: rows.length, columns, values };
}

function tableRows(text: string, delimiter: string): Row[] {
  const rows: Row[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((content, i) => {
    if (content.trim() === "") return;
    const raw = delimiter === "whitespace" ? content.trim().split(/\s+/) : content.split(delimiter);
    rows.push({ line: i + 1, fields: raw.map(unquote) });
  });
  return rows;
}

function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t;
}

function checkWidths(rows: Row[], width: number, source: string): void {
  for (const row of rows) {
    if (row.fields.length !== width) {
      throw new DataError(`${source}: line ${row.line} has ${row.fields.length} fields; expected ${width}`, source);
    }
  }
}

/** A decimal number as written in CSV files: optional sign, digits with an optional point, optional exponent. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function toNumber(field: string, source: string, line: number, column: string): number {
  if (field === "") throw new DataError(`${source}: line ${line}, ${column}: missing value`, source);
  if (!NUMBER.test(field)) {
    const nonFinite = /^[+-]?(nan|inf|infinity)$/i.test(field);
    throw new DataError(`${source}: line ${line}, ${column}: "${field}" is ${nonFinite ? "not a finite number" : "not a number"}`, source);
  }
  return Number(field);
}
