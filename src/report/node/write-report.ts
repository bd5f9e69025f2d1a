/**
 * Writing a report file from the run store (Node only). The output path is checked before the
 * store is read, the store is opened read-only, and the file is written atomically (to a
 * temporary file in the same directory, then renamed), so a reader never sees half a report and a
 * failed run leaves any earlier report in place.
 */
import { checkOutputPath, writeFileAtomic } from "../../files/index.js";
import { ConfigError } from "../../errors.js";
import { openStore, type RunStore } from "../../store/index.js";
import { renderComparisonReport, renderRunReport, renderSweepReport } from "../html/index.js";
import { loadComparison, loadRun, loadSweep, resolveRuns, resolveTarget } from "./load-report.js";

export interface WrittenReport {
  /** Absolute path of the file written. */
  path: string;
  bytes: number;
  /** What it reports on: one run, one sweep, or several runs compared. */
  kind: "run" | "sweep" | "comparison";
  ids: string[];
}

/** The report of one run (id or prefix): a train run, sweep trial or LR range test. */
export async function writeReportForRun(storePath: string, runId: string, outPath: string): Promise<WrittenReport> {
  return writeFrom(storePath, outPath, async (store) => {
    const run = store.getRun(runId);
    return { kind: "run", ids: [run.id], html: await renderRunReport(loadRun(store, run)) };
  });
}

/** The report of one sweep (id or prefix) and its trials. */
export async function writeReportForSweep(storePath: string, sweepId: string, outPath: string): Promise<WrittenReport> {
  return writeFrom(storePath, outPath, async (store) => {
    const sweep = store.getSweep(sweepId);
    return { kind: "sweep", ids: [sweep.id], html: await renderSweepReport(loadSweep(store, sweep)) };
  });
}

/**
 * The report `lrkit report IDS…` writes: one id names a run or a sweep (runs are tried first);
 * several ids (after dropping repeats) are runs to compare, with any LR range tests among them
 * shown first.
 */
export async function writeReport(storePath: string, ids: readonly string[], outPath: string): Promise<WrittenReport> {
  if (ids.length === 0) throw new ConfigError("report: needs at least one run or sweep id; got none", "report", "ids", ids);
  return writeFrom(storePath, outPath, async (store) => {
    if (ids.length === 1) {
      const target = resolveTarget(store, ids[0]!);
      if (target.kind === "sweep") return { kind: "sweep", ids: [target.sweep.id], html: await renderSweepReport(loadSweep(store, target.sweep)) };
      return { kind: "run", ids: [target.run.id], html: await renderRunReport(loadRun(store, target.run)) };
    }
    const all = resolveRuns(store, ids);
    const rangeTests = all.filter((r) => r.kind === "find");
    const runs = all.filter((r) => r.kind !== "find");
    if (all.length === 1 || runs.length === 0) return { kind: "run", ids: [all[0]!.id], html: await renderRunReport(loadRun(store, all[0]!)) };
    const html = await renderComparisonReport(loadComparison(store, runs), rangeTests.map((r) => loadRun(store, r)));
    return { kind: "comparison", ids: all.map((r) => r.id), html };
  });
}

type Rendered = Pick<WrittenReport, "kind" | "ids"> & { html: string };

async function writeFrom(storePath: string, outPath: string, render: (store: RunStore) => Promise<Rendered>): Promise<WrittenReport> {
  const path = checkOutPath(outPath);
  const store = openStore(storePath, { readonly: true });
  let rendered: Rendered;
  try {
    rendered = await render(store);
  } finally {
    store.close();
  }
  writeFileAtomic(path, rendered.html);
  return { path, bytes: Buffer.byteLength(rendered.html), kind: rendered.kind, ids: rendered.ids };
}

/** The absolute output path, once its folder is known to exist and the path is not itself a folder. */
export function checkOutPath(outPath: string): string {
  return checkOutputPath(outPath, "report --out", [".html", ".htm"]);
}
