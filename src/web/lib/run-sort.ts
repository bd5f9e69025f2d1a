/**
 * The runs table's column sort, as TensorBoard's and W&B's run tables do it: a click on a header
 * sorts by that column, a second click reverses it. A column's first click puts its best or newest
 * first and names A→Z (`firstDirection`). Runs without a value in the column (no test accuracy, a
 * NaN loss, no planned steps) go last in both directions; ties, and the default, are newest first
 * (the server's order: created_at, then id, descending). The sort lives in the URL as
 * `?sort=test-acc&dir=desc`, absent for the default.
 *
 * "best val" sorts by the metric the table shows (`leadingBest`) by how good it is, not by its raw
 * value: descending is best first, an accuracy-like metric ranked by its value and a loss by its
 * negation. A run that shows an accuracy ranks above one that shows only a loss, since the two
 * are not comparable and the accuracy is what the table leads with.
 */
import type { RunSummary } from "./api.js";
import { higherIsBetter } from "../../log/index.js";
import { runProgress } from "./progress.js";
import { leadingBest, testMetrics } from "./run-columns.js";

export const sortColumns = ["run", "kind", "status", "best-val", "test-acc", "test-loss", "progress", "started"] as const;
export type SortColumn = (typeof sortColumns)[number];
export type SortDirection = "asc" | "desc";
export interface RunSort {
  column: SortColumn;
  dir: SortDirection;
}

export const defaultSort: RunSort = { column: "started", dir: "desc" };

const firstDirection: Record<SortColumn, SortDirection> = {
  run: "asc",
  kind: "asc",
  status: "asc",
  "best-val": "desc",
  "test-acc": "desc",
  "test-loss": "asc",
  progress: "desc",
  started: "desc",
};

type Key = readonly (string | number)[];

const finite = (value: number | undefined): value is number => value !== undefined && !Number.isNaN(value);

/** What `run` is ordered by in `column`, compared element by element; undefined when it has no value there. */
function keyOf(run: RunSummary, column: SortColumn): Key | undefined {
  switch (column) {
    case "run":
      return [run.name ?? run.id];
    case "kind":
      return [run.kind];
    case "status":
      return [run.status];
    case "best-val": {
      const best = leadingBest(run);
      if (!best || !finite(best.value)) return undefined;
      const higher = higherIsBetter(best.metric);
      return [higher ? 1 : 0, higher ? best.value : -best.value];
    }
    case "test-acc": {
      const accuracy = testMetrics(run).accuracy;
      return finite(accuracy) ? [accuracy] : undefined;
    }
    case "test-loss": {
      const loss = testMetrics(run).loss;
      return finite(loss) ? [loss] : undefined;
    }
    case "progress": {
      const fraction = runProgress(run).fraction;
      return fraction === undefined ? undefined : [fraction, run.stepCount];
    }
    case "started":
      return [run.createdAt, run.id];
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    const order = typeof x === "number" && typeof y === "number" ? (x === y ? 0 : x < y ? -1 : 1) : collator.compare(String(x), String(y));
    if (order !== 0) return order;
  }
  return 0;
}

function newestFirst(a: RunSummary, b: RunSummary): number {
  return compareKeys(keyOf(b, "started")!, keyOf(a, "started")!);
}

/** The comparator for `Array.prototype.sort` that orders runs by `sort`. */
export function runOrder(sort: RunSort): (a: RunSummary, b: RunSummary) => number {
  return (a, b) => {
    const [x, y] = [keyOf(a, sort.column), keyOf(b, sort.column)];
    if (x === undefined || y === undefined) return x === y ? newestFirst(a, b) : x === undefined ? 1 : -1;
    const order = compareKeys(x, y);
    return order === 0 ? newestFirst(a, b) : sort.dir === "asc" ? order : -order;
  };
}

/** The sort after a click on `column`'s header: the same column reversed, or `column` in its first direction. */
export function nextSort(current: RunSort, column: SortColumn): RunSort {
  if (current.column === column) return { column, dir: current.dir === "asc" ? "desc" : "asc" };
  return { column, dir: firstDirection[column] };
}

/** The sort that `?sort=&dir=` asks for; the default for a missing or unknown column, the column's first direction for a missing or unknown `dir`. */
export function sortFromParams(params: URLSearchParams): RunSort {
  const column = sortColumns.find((c) => c === params.get("sort"));
  if (column === undefined) return defaultSort;
  const dir = params.get("dir");
  return { column, dir: dir === "asc" || dir === "desc" ? dir : firstDirection[column] };
}

/** Writes `sort` into `params` as `sort` and `dir`, removing both for the default sort. */
export function writeSortParams(params: URLSearchParams, sort: RunSort): void {
  const isDefault = sort.column === defaultSort.column && sort.dir === defaultSort.dir;
  if (isDefault) {
    params.delete("sort");
    params.delete("dir");
  } else {
    params.set("sort", sort.column);
    params.set("dir", sort.dir);
  }
}
