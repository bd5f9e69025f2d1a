/**
 * `lrkit schedule SPEC --lr η --steps N`: what a scheduler does to η, without training. SPEC is a
 * scheduler spec (PyTorch's names, e.g. `{"type":"OneCycleLR","max_lr":0.1}`, or a closed-form
 * type such as `warmup_cosine`) given inline as JSON or as a .json/.yaml/.yml file. The scheduler
 * is built on an optimizer whose lr is η and read then stepped N times, as a training loop would:
 * the i-th recorded value is the η in force for step i. Output: a text summary (default), the
 * recorded values as JSON (`--json`), and/or the η-vs-step chart (`--out lr.svg|lr.png`).
 */
import { extname } from "node:path";
import { Command, Option } from "commander";
import { ConfigError } from "../../errors.js";
import { lrChart, renderSvg } from "../../report/index.js";
import { renderPng } from "../../report/charts/node/index.js";
import { schedulerFromInput } from "../../schedules/index.js";
import { checkOutputPath, writeFileAtomic } from "../../files/index.js";
import { parseNumber } from "../number-option.js";
import { readSpec } from "../read-spec.js";

interface ScheduleOptions {
  lr: string;
  steps: string;
  out?: string;
  json?: boolean;
}

/** η (and momentum, where the scheduler cycles it) at steps 0 … N−1. */
interface ScheduleTrace {
  steps: number[];
  lr: number[];
  momentum?: number[];
}

export function scheduleCommand(): Command {
  return new Command("schedule")
    .description("show what a learning-rate scheduler does to η over a number of steps")
    .argument("<spec>", 'a scheduler spec as JSON (e.g. \'{"type":"StepLR","step_size":30}\') or a path to a .json/.yaml file')
    .requiredOption("--lr <η>", "the optimizer's learning rate the scheduler starts from (torch's initial_lr)")
    .requiredOption("--steps <n>", "how many steps to trace (also OneCycleLR's total_steps when the spec leaves it out)")
    .addOption(new Option("--out <file>", "write the η-vs-step chart; .svg or .png (PNG at 2× for sharp display)"))
    .addOption(new Option("--json", "print { steps, lr, momentum? } as one JSON object"))
    .action(async (specArgument: string, options: ScheduleOptions) => {
      const lr = parseNumber(options.lr, "--lr", { above: 0 });
      const steps = parseNumber(options.steps, "--steps", { integer: true, min: 1 });
      const { spec, where } = readSpec(specArgument);
      const out = options.out === undefined ? undefined : checkOutputPath(options.out, "--out", [".svg", ".png"]);
      const trace = traceSchedule(spec, lr, steps, where);
      const name = typeof spec.type === "string" ? spec.type : "schedule";
      if (out) {
        const chart = lrChart({ series: [{ name, steps: trace.steps, lr: trace.lr }], title: `${name}, base lr ${lr}` });
        writeFileAtomic(out, extname(out).toLowerCase() === ".svg" ? await renderSvg(chart) : await renderPng(chart, { scale: 2 }));
      }
      if (options.json) process.stdout.write(`${JSON.stringify(trace)}\n`);
      else if (out) process.stdout.write(`wrote ${options.out}\n`);
      else process.stdout.write(summary(name, lr, trace));
    });
}

/** Reads η then steps, `steps` times; the last read needs no step after it (OneCycleLR forbids stepping past its end). */
function traceSchedule(spec: Record<string, unknown>, lr: number, steps: number, where: string): ScheduleTrace {
  if (spec.type === "ReduceLROnPlateau") {
    throw new ConfigError(
      `${where}.type: ReduceLROnPlateau lowers η when a monitored metric stops improving, so it has no curve without training; trace a spec whose η depends on the step alone`,
      where,
      "type",
      spec.type,
    );
  }
  const scheduler = schedulerFromInput(spec, lr, { totalSteps: steps, howCounted: `traced with --steps ${steps}` }, where);
  const trace: Required<ScheduleTrace> = { steps: [], lr: [], momentum: [] };
  for (let step = 0; step < steps; step++) {
    trace.steps.push(step);
    trace.lr.push(scheduler.lr);
    if (scheduler.momentum !== undefined) trace.momentum.push(scheduler.momentum);
    if (step < steps - 1) scheduler.step();
  }
  const { momentum, ...rest } = trace;
  return momentum.length === steps ? trace : rest;
}



const sparkBars = "▁▂▃▄▅▆▇█";
const sparkWidth = 60;
const tableRows = 10;

/** First/last/min/max η, where the maximum falls, a sparkline of η and a table of sampled steps. */
function summary(name: string, baseLr: number, trace: ScheduleTrace): string {
  const { lr, steps } = trace;
  const n = lr.length;
  let argMin = 0;
  let argMax = 0;
  for (let i = 1; i < n; i++) {
    if (lr[i]! < lr[argMin]!) argMin = i;
    if (lr[i]! > lr[argMax]!) argMax = i;
  }
  const lines = [
    `${name} from lr ${show(baseLr)} over ${n} steps`,
    `  first ${show(lr[0]!)}   last ${show(lr[n - 1]!)}`,
    `  min   ${show(lr[argMin]!)} (step ${argMin})   max ${show(lr[argMax]!)} (step ${argMax})`,
    `  η     ${sparkline(lr, lr[argMin]!, lr[argMax]!)}`,
    "",
    `  ${"step".padStart(8)}  ${"lr".padEnd(14)}${trace.momentum ? "momentum" : ""}`.trimEnd(),
    ...sampleIndices(n, tableRows).map(
      (i) => `  ${String(steps[i]).padStart(8)}  ${show(lr[i]!).padEnd(14)}${trace.momentum ? show(trace.momentum[i]!) : ""}`.trimEnd(),
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** One bar per sampled step, its height η's place between min and max (all mid-height when η is constant). */
function sparkline(values: readonly number[], min: number, max: number): string {
  const top = sparkBars.length - 1;
  return sampleIndices(values.length, sparkWidth)
    .map((i) => sparkBars[max > min ? Math.round(((values[i]! - min) / (max - min)) * top) : Math.floor(top / 2)])
    .join("");
}

/** Up to `count` indices spread evenly over 0 … n−1, both ends included. */
function sampleIndices(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: count }, (_, k) => Math.round((k * (n - 1)) / (count - 1)));
}

function show(x: number): string {
  return String(Number(x.toPrecision(6)));
}
