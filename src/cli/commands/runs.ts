/**
 * `lrkit runs`: the runs in the run store — a table of them, one run in full (`show`), several side
 * by side (`compare`), and their step logs as CSV or JSON (`export`). Every sub-command reads the
 * store at `--store PATH`, else `$LRKIT_STORE`, else `./runs/lrkit.db`, and never writes to it.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { Command, Option } from "commander";
import { stringify } from "yaml";
import { ConfigError } from "../../errors.js";
import { configLr, rangeTestSummarySchema, readSummary } from "../../log/index.js";
import { numberOption } from "../number-option.js";
import { compareRuns, openStore, runKinds, runStatuses, storePath, StoreError, toPlainJson, type ComparisonRow, type RunKind, type RunStatus, type RunStore, type RunSummary } from "../../store/index.js";

interface GlobalOptions {
  store?: string;
  json?: boolean;
  sweep?: string;
}

const storeHelp = `
The run store is --store PATH when given, else $LRKIT_STORE, else ./runs/lrkit.db in the working
directory. Run ids may be shortened to any prefix that names one run.`;

export function runsCommand(): Command {
  const runs = new Command("runs")
    .description("list the runs in the run store (newest first); show, compare and export them")
    .option("--store <path>", "run store file (default: $LRKIT_STORE, else ./runs/lrkit.db)")
    .option("--json", "print JSON instead of a table")
    .addOption(new Option("--status <status>", "only runs with this status").choices(runStatuses))
    .addOption(new Option("--kind <kind>", "only runs of this kind").choices(runKinds))
    .option("--sweep <id>", "only the trials of this sweep (with export: also them)")
    .option("--limit <n>", "at most this many runs", numberOption("--limit", { integer: true, min: 1 }))
    .addHelpText("after", storeHelp)
    .action((options: GlobalOptions & { status?: RunStatus; kind?: RunKind; limit?: number }) => {
      const store = openForList(options.store);
      if (!store) {
        print(options.json ? "[]\n" : `no runs yet: ${storePath(options.store)} does not exist\n`);
        return;
      }
      try {
        const sweepId = options.sweep === undefined ? undefined : store.getSweep(options.sweep).id;
        const list = store.listRuns({ status: options.status, kind: options.kind, sweepId, limit: options.limit });
        print(options.json ? `${toPlainJson(list, 2)}\n` : listTable(list));
      } finally {
        store.close();
      }
    });

  runs
    .command("show")
    .description("one run: its config, status, error, final metrics, per-epoch log and sharpness probes")
    .argument("<id>", "run id (or a prefix of one)")
    .action((id: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      withStore(options.store, (store) => {
        const run = store.getRun(id);
        const epochs = store.getEpochs(run.id);
        const sharpness = store.getSharpness(run.id);
        print(options.json ? `${toPlainJson({ ...run, epochs, ...(sharpness.length > 0 && { sharpness }) }, 2)}\n` : showText(run, epochs, sharpness));
      });
    });

  runs
    .command("compare")
    .description("runs side by side: the config keys on which they differ, and their results")
    .argument("<ids...>", "two or more run ids (or prefixes)")
    .action((ids: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (ids.length < 2) throw new ConfigError(`runs compare: needs at least two run ids; got ${ids.length}`, "runs compare", "ids", ids);
      withStore(options.store, (store) => {
        const comparison = compareRuns(ids.map((id) => store.getRun(id)).map((run) => ({ run, epochs: store.getEpochs(run.id) })));
        if (options.json) {
          print(`${toPlainJson(comparison, 2)}\n`);
          return;
        }
        const header = ["", ...comparison.runs];
        const section = (rows: ComparisonRow[]) => rows.map((r) => [r.key, ...r.values.map(cell)]);
        const config = comparison.config.length > 0 ? table([header, ...section(comparison.config)]) : "  (identical)\n";
        print(`config differences:\n${indent(config)}\nresults:\n${indent(table([header, ...section(comparison.results)]))}`);
      });
    });

  runs
    .command("export")
    .description("step logs as CSV (one row per step, with its run id) or runs with their steps and epochs as JSON")
    .argument("[ids...]", "run ids (or prefixes); all runs when neither ids nor --sweep are given")
    .addOption(new Option("--format <format>", "file format").choices(["csv", "json"]).default("csv"))
    .addOption(new Option("--rows <rows>", "CSV rows: one per logged step, or one per sharpness probe (run_id,step,sharpness,threshold,preconditioned,preconditioned_threshold)").choices(["steps", "sharpness"]).default("steps"))
    .option("--out <file>", "write to this file instead of stdout")
    .action((ids: string[], local: { format: "csv" | "json"; rows: "steps" | "sharpness"; out?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (local.format === "json" && local.rows !== "steps") {
        throw new ConfigError(`--rows ${local.rows}: only CSV is exported by rows; JSON carries each run's steps, epochs and sharpness probes together`, "--rows", "rows", local.rows);
      }
      withStore(options.store, (store) => {
        const sweepRuns = options.sweep === undefined ? [] : store.listRuns({ sweepId: store.getSweep(options.sweep).id }).map((r) => r.id).reverse();
        const selected = [...ids, ...sweepRuns];
        const chunks = store.exportRuns(selected.length > 0 ? selected : undefined, local.format, local.rows);
        if (local.out === undefined) {
          for (const chunk of chunks) print(chunk);
          return;
        }
        const fd = openSync(local.out, "w");
        try {
          for (const chunk of chunks) writeSync(fd, chunk);
        } finally {
          closeSync(fd);
        }
      });
    });

  return runs;
}

function print(text: string): void {
  process.stdout.write(text);
}

function withStore(option: string | undefined, use: (store: RunStore) => void): void {
  const store = openStore(storePath(option), { readonly: true });
  try {
    use(store);
  } finally {
    store.close();
  }
}

/** The store for `lrkit runs`, or undefined when its file does not exist yet (an empty list, not an error). */
function openForList(option: string | undefined): RunStore | undefined {
  try {
    return openStore(storePath(option), { readonly: true });
  } catch (error) {
    if (error instanceof StoreError && error.reason === "missing") return undefined;
    throw error;
  }
}

function listTable(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return "no runs\n";
  const rows = runs.map((r) => {
    const { steps, lr } = stepsAndLr(r);
    const best = Object.entries(r.best)
      .map(([k, v]) => `${k}=${num(v)}`)
      .join(" ");
    return [r.id, r.name ?? "", r.kind, r.status, localTime(r.createdAt), String(r.epochCount), steps, best, lr];
  });
  return table([["id", "name", "kind", "status", "created", "epochs", "steps", "best val", "lr"], ...rows]);
}

/** The steps and η of a run's row: a range test logs no steps, so its count and its η range come from its result ("96", "1e-07…4.751"). */
function stepsAndLr(run: RunSummary): { steps: string; lr: string } {
  const { lrs } = run.kind === "find" ? readSummary(rangeTestSummarySchema, run.summary) : {};
  if (lrs && lrs.length > 0) return { steps: String(lrs.length), lr: `${num(lrs[0]!)}…${num(lrs.at(-1)!)}` };
  return { steps: String(run.stepCount), lr: cell(configLr(run.config)) };
}

function showText(run: RunSummary, epochs: ReturnType<RunStore["getEpochs"]>, sharpness: ReturnType<RunStore["getSharpness"]>): string {
  const fields: [string, string | undefined][] = [
    ["run", run.id],
    ["name", run.name],
    ["kind", run.kind],
    ["status", run.status],
    ["sweep", run.sweepId],
    ["trial", run.trialKey],
    ["tags", run.tags.length > 0 ? run.tags.join(", ") : undefined],
    ["created", localTime(run.createdAt)],
    ["finished", run.finishedAt === undefined ? undefined : `${localTime(run.finishedAt)} (${num((Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000)} s)`],
    ["steps", run.lastStep === undefined ? "none logged" : `${run.stepCount} logged, last step ${run.lastStep}`],
    ["error", run.error],
  ];
  const present = fields.filter((f): f is [string, string] => f[1] !== undefined);
  let text = table(present.map(([k, v]) => [`${k}:`, v]));
  text += `config:\n${indent(stringify(run.config))}`;
  if (run.metrics !== undefined) text += `metrics:\n${indent(stringify(run.metrics))}`;
  if (run.summary !== undefined) text += `summary:\n${indent(stringify(run.summary))}`;
  if (epochs.length > 0) {
    const valKeys = [...new Set(epochs.flatMap((e) => Object.keys(e.val)))];
    const rows = epochs.map((e) => [String(e.epoch), String(e.step), num(e.lr), num(e.trainLoss), ...valKeys.map((k) => cell(e.val[k])), num(e.seconds)]);
    text += `epochs:\n${indent(table([["epoch", "step", "lr", "train loss", ...valKeys.map((k) => `val ${k}`), "seconds"], ...rows]))}`;
  }
  if (sharpness.length > 0) {
    const preconditioned = sharpness.some((r) => r.preconditioned !== undefined);
    const header = ["step", "λ_max", "threshold", "λ_max / threshold", ...(preconditioned ? ["λ_max(P⁻¹H)", "its threshold", "ratio"] : [])];
    const rows = sharpness.map((r) => [
      String(r.step),
      num(r.sharpness),
      num(r.threshold),
      num(r.sharpness / r.threshold),
      ...(preconditioned ? (r.preconditioned === undefined || r.preconditionedThreshold === undefined ? ["-", "-", "-"] : [num(r.preconditioned), num(r.preconditionedThreshold), num(r.preconditioned / r.preconditionedThreshold)]) : []),
    ]);
    text += `sharpness:\n${indent(table([header, ...rows]))}`;
  }
  return text;
}


/** Columns padded to their widest cell, two spaces apart. */
function table(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd()).join("\n") + "\n";
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : `  ${line}`))
    .join("\n");
}

function cell(value: unknown): string {
  if (value === undefined) return "-";
  if (typeof value === "number") return num(value);
  if (typeof value === "string") return value;
  return toPlainJson(value);
}

/** A number in at most 4 significant digits (integers whole). */
function num(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

function localTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

