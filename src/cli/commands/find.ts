/**
 * `lrkit find --config run.yaml`: Smith's LR range test on the run a config describes (its data,
 * model, loss, optimizer and clipping; its scheduler is ignored, since the test drives η itself).
 * Prints the suggested learning rates and the curve's stats (or `--json`), draws the curve
 * (`--plot`), writes a config that trains at the recommended η (`--apply`; `log/`'s `recommendedLr`:
 * the `minimum` rule, the others shown as alternatives), and records the
 * test in the run store as a run of kind "find" whose summary holds the curve and suggestions.
 * `--optimizer SPEC` (inline JSON or a .json/.yaml file) replaces the config's optimizer, so the
 * test can be run for any optimizer type; the recorded config and `--apply` carry it. Progress goes
 * to stderr.
 */
import { parseRunSpec, rangeTestFromConfig, rangeTestSummary, recordRun } from "../../run/index.js";
import { extname } from "node:path";
import cliProgress from "cli-progress";
import { Command, Option } from "commander";
import { Document } from "yaml";
import { ConfigError } from "../../errors.js";
import { parseOptimizerSpec } from "../../optim/index.js";
import { applyModes, applySuggestion, lrModes, rangeTestSettings, suggestionNames, unusableReason, type ApplyMode, type LrMode, type RangeTestPoint, type RangeTestResult, type SettingNames } from "../../find/index.js";
import { rangeTestChart, renderSvg } from "../../report/index.js";
import { renderPng } from "../../report/charts/node/index.js";
import { recommendedLr, type RecommendedLr } from "../../log/index.js";
import { openStore, storePath, toPlainJson, type RunStore } from "../../store/index.js";
import { checkOutputPath, writeFileAtomic } from "../../files/index.js";
import { loadRunData } from "../../run/node/index.js";
import { deviceOption, startDevice } from "../device-option.js";
import type { DeviceChoice } from "../../engine/node/index.js";
import { optionalNumber } from "../number-option.js";
import { readSpec } from "../read-spec.js";
import { applySets, collectSet, withSets, type SetOverride } from "../set-option.js";

interface FindOptions {
  config: string;
  optimizer?: string;
  startLr?: string;
  endLr?: string;
  numIter?: string;
  mode?: LrMode;
  accumulationSteps?: string;
  valSamples?: string;
  json?: boolean;
  plot?: string;
  apply?: string;
  applyAs?: ApplyMode;
  dataDir?: string;
  store?: string;
  record: boolean;
  progress?: boolean;
  set?: SetOverride[];
  device?: DeviceChoice;
}

const flags = {
  startLr: "--start-lr",
  endLr: "--end-lr",
  numIter: "--num-iter",
  mode: "--mode",
  accumulationSteps: "--accumulation-steps",
  valSamples: "--val-samples",
} satisfies SettingNames & { valSamples: string };

export function findCommand(): Command {
  return new Command("find")
    .description("LR range test (Smith 2017, fastai's lr_find): sweep η upwards on a short run and suggest a learning rate")
    .requiredOption("-c, --config <file>", "run config of lrkit train (data, model, loss, optimizer, clip, batch_size, seed); its scheduler is ignored")
    .addOption(new Option("--set <key.path=value>", "override one config key (repeatable), e.g. --set batch_size=32").argParser(collectSet))
    .addOption(new Option("--optimizer <spec>", `optimizer spec replacing the config's, inline JSON ('{"type": "Prodigy"}') or a .json/.yaml file`))
    .option("--start-lr <η>", "first η (default 1e-7)")
    .option("--end-lr <η>", "last η (default 10)")
    .option("--num-iter <n>", "steps, one per η (default 100, at least 5)")
    .addOption(new Option("--mode <mode>", "how η grows: exp (even on a log axis) or linear (default exp)").choices(lrModes))
    .option("--accumulation-steps <k>", "average the gradients of k batches into each step (default 1)")
    .option("--val-samples <n>", "score each step by the loss on n validation samples instead of the training loss (costs one forward pass over them per step)")
    .addOption(new Option("--json", "print { lrs, losses, raw_losses, suggestions, stopped_early, … } as one JSON object on stdout"))
    .addOption(new Option("--plot <file>", "draw the smoothed loss against η with the suggestions marked, without the last 5 points as fastai draws it; .svg or .png"))
    .addOption(new Option("--apply <file>", "write a copy of the config that trains at the recommended η, the minimum suggestion (YAML for .yaml/.yml, else JSON)"))
    .addOption(new Option("--apply-as <how>", "lr: as the optimizer's lr; one_cycle: as OneCycleLR's max_lr (default lr)").choices(applyModes))
    .addOption(new Option("--data-dir <dir>", "where datasets are (default: $LRKIT_DATA_DIR, then ../shared/datasets)"))
    .addOption(new Option("--store <path>", "the run store (default: $LRKIT_STORE, then runs/lrkit.db)"))
    .addOption(new Option("--no-record", "do not record the test in the run store"))
    .addOption(new Option("--progress", "draw the progress bar even when stderr is not a terminal"))
    .addOption(deviceOption())
    .action(async (options: FindOptions) => {
      const outcome = await find(options);
      process.stdout.write(options.json ? `${toPlainJson(jsonSummary(outcome))}\n` : textSummary(outcome));
    });
}

/** Points left off the end of the plot, as fastai's `plot_lr_find(skip_end=5)`: a diverging tail would flatten the rest of the curve. */
const plotSkipEnd = 5;

interface Outcome {
  result: RangeTestResult;
  runId?: string;
  plot?: string;
  applied?: { path: string; as: ApplyMode; lr: number; rule: string };
  /** η* and the alternatives (`recommendedLr`); undefined when the `minimum` rule found none. */
  recommended: RecommendedLr | undefined;
  device: string;
}

async function find(options: FindOptions): Promise<Outcome> {
  const settings = {
    ...rangeTestSettings(
      {
        startLr: optionalNumber(options.startLr, flags.startLr),
        endLr: optionalNumber(options.endLr, flags.endLr),
        numIter: optionalNumber(options.numIter, flags.numIter),
        mode: options.mode,
        accumulationSteps: optionalNumber(options.accumulationSteps, flags.accumulationSteps),
      },
      flags,
      "lrkit find",
    ),
    valSamples: optionalNumber(options.valSamples, flags.valSamples),
  };
  const plot = options.plot === undefined ? undefined : checkOutputPath(options.plot, "--plot", [".svg", ".png"]);
  if (options.applyAs && !options.apply) throw new ConfigError("--apply-as: it says how --apply writes the suggestion; give --apply FILE too", "--apply-as", "apply-as", options.applyAs);
  const apply = options.apply === undefined ? undefined : checkOutputPath(options.apply, "--apply");

  const optimizer = options.optimizer === undefined ? undefined : optimizerFlag(options.optimizer);
  const read = readSpec(options.config, "{ data: { name: mnist }, model: { preset: cnn }, optimizer: { type: SGD, lr: 0.1, momentum: 0.9 }, epochs: 1, batch_size: 64 }", "--config");
  const sets = options.set ?? [];
  const config = applySets(optimizer ? { ...read.spec, optimizer } : read.spec, sets);
  const { where } = read;
  const { device } = await startDevice(options.device);
  const data = await loadRunData(withSets(sets, () => parseRunSpec(config, where)), options.dataDir, where);

  const store: RunStore | undefined = options.record ? openStore(storePath(options.store)) : undefined;
  const progress = rangeTestProgress(settings.numIter, options.progress);
  try {
    const { value: result, runId } = await recordRun(store, { kind: "find", config, name: options.config, plannedSteps: settings.numIter }, async () => {
      const value = await rangeTestFromConfig(config, { data, ...settings, names: flags, where, onStep: progress.update });
      return { value, end: { status: "completed", summary: rangeTestSummary(value) } };
    });
    progress.stop();
    const outcome: Outcome = { result, runId, recommended: recommendedLr(rangeTestSummary(result).suggestions), device };
    if (plot) {
      const shown = result.lrs.length > plotSkipEnd ? result.lrs.length - plotSkipEnd : result.lrs.length;
      const chart = rangeTestChart({
        lrs: result.lrs.slice(0, shown),
        losses: result.losses.slice(0, shown),
        suggestions: definedSuggestions(result),
        recommended: outcome.recommended?.rule,
        title: `LR range test: ${options.config}`,
      });
      writeFileAtomic(plot, extname(plot).toLowerCase() === ".svg" ? await renderSvg(chart) : await renderPng(chart, { scale: 2 }));
      outcome.plot = plot;
    }
    if (apply) outcome.applied = writeApplied(config, result, outcome.recommended, apply, options.applyAs ?? "lr", options.config);
    return outcome;
  } finally {
    progress.stop();
    store?.close();
  }
}

/** The `--optimizer` spec, validated now so that a bad one is a ConfigError naming the flag. */
function optimizerFlag(text: string): Record<string, unknown> {
  const { spec } = readSpec(text, '{"type": "Prodigy"}', "--optimizer");
  parseOptimizerSpec(spec, "--optimizer");
  return spec;
}


/** The config with the recommended η applied (`recommendedLr`, 3 significant digits), as YAML or JSON by the file's extension. */
function writeApplied(config: Record<string, unknown>, result: RangeTestResult, recommended: RecommendedLr | undefined, path: string, as: ApplyMode, source: string) {
  if (recommended === undefined) {
    throw new ConfigError(`--apply: the range test gave no minimum suggestion, the recommended η (${unusableReason(result.suggestions.minimum)}), so ${path} was not written`, "--apply", "apply", path);
  }
  const { lr, rule } = recommended;
  const applied = applySuggestion(config, lr, as);
  const yaml = [".yaml", ".yml"].includes(extname(path).toLowerCase());
  let text = `${JSON.stringify(applied, null, 2)}\n`;
  if (yaml) {
    const document = new Document(applied);
    document.commentBefore = ` ${source} with ${as === "lr" ? "optimizer.lr" : "OneCycleLR max_lr"} = ${lr}, the ${rule} suggestion of lrkit find (the recommended η)`;
    text = document.toString();
  }
  writeFileAtomic(path, text);
  return { path, as, lr, rule };
}

function definedSuggestions(result: RangeTestResult): Record<string, number> {
  return Object.fromEntries(suggestionNames.flatMap((name) => (result.suggestions[name].lr === undefined ? [] : [[name, result.suggestions[name].lr]])));
}


/** Why a rule gave no suggestion, by its name. */
function suggestionNotes(result: RangeTestResult): Record<string, string> {
  return Object.fromEntries(
    suggestionNames.flatMap((name) => {
      const s = result.suggestions[name];
      return s.lr === undefined ? [[name, s.reason]] : [];
    }),
  );
}


function jsonSummary(outcome: Outcome) {
  const { result } = outcome;
  return {
    run_id: outcome.runId ?? null,
    ...rangeTestSummary(result),
    recommended: outcome.recommended ?? null,
    suggestion_notes: suggestionNotes(result),
    plot: outcome.plot ?? null,
    applied: outcome.applied ?? null,
    device: outcome.device,
  };
}

function textSummary(outcome: Outcome): string {
  const { result } = outcome;
  const { settings } = result;
  const { recommended } = outcome;
  const n = result.lrs.length;
  const finite = result.losses.map((loss, i) => ({ loss, lr: result.lrs[i]! })).filter((p) => Number.isFinite(p.loss));
  const lowest = finite.reduce((a, b) => (b.loss < a.loss ? b : a), finite[0]!);
  const lines = [
    `LR range test: ${n} of ${settings.numIter} steps, η ${show(settings.startLr)} → ${show(settings.endLr)} (${settings.mode}), ${result.lossKind} loss smoothed with β ${settings.beta}, ${result.seconds.toFixed(1)} s`,
    result.stopped ? `  stopped early: ${result.stopped.reason}` : `  ran all ${n} steps without diverging`,
    `  smoothed loss: first ${show(result.losses[0]!)}, lowest ${show(lowest.loss)} at η ${show(lowest.lr)}, last ${show(result.losses[n - 1]!)}`,
    "",
    "  suggestion     η",
    ...suggestionNames.map((name) => {
      const s = result.suggestions[name];
      const mark = recommended?.rule === name ? `  ← recommended η* (${recommended.lr})` : "";
      return `  ${name.padEnd(14)} ${s.lr === undefined ? `-          (${s.reason})` : show(s.lr).padEnd(10)}${mark}`.trimEnd();
    }),
    "",
  ];
  if (outcome.plot) lines.push(`  wrote ${outcome.plot}`);
  if (outcome.applied) lines.push(`  wrote ${outcome.applied.path} (${outcome.applied.as === "lr" ? "optimizer lr" : "OneCycleLR max_lr"} ${outcome.applied.lr}, the ${outcome.applied.rule} suggestion)`);
  if (outcome.runId) lines.push(`  run ${outcome.runId} (lrkit runs show ${outcome.runId})`);
  return `${lines.join("\n")}\n`;
}

function show(value: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : String(value);
}

/** A bar over the test's steps on stderr (η and smoothed loss), silent when stderr is not a terminal unless forced. */
export function rangeTestProgress(total: number, force: boolean | undefined) {
  const bar =
    (force ?? process.stderr.isTTY)
      ? new cliProgress.SingleBar({ format: "LR range test |{bar}| {value}/{total} η {lr} loss {loss}", stream: process.stderr, hideCursor: true, fps: 10 }, cliProgress.Presets.shades_classic)
      : undefined;
  bar?.start(total, 0, { lr: "-", loss: "-" });
  return {
    update(point: RangeTestPoint) {
      bar?.update(point.step + 1, { lr: point.lr.toExponential(2), loss: show(point.smoothed) });
    },
    stop() {
      bar?.stop();
    },
  };
}
