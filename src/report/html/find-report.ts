/**
 * The report of an LR range test (Smith 2017, §3.3; fastai's `lr_find`): its suggested learning
 * rates as a table and as marks on the loss-against-η curve (log η axis), and its config. The
 * curve is the run's `RangeTestSummary` (`log/`: `lrs`, the smoothed `losses`, `suggestions` by
 * rule name — null where a rule found none —, `stopped_early`, `stop_reason`, `loss_kind`); a
 * range test that ended without a summary (it failed) is drawn from its logged steps instead.
 */
import { rangeTestSummarySchema, readSummary } from "../../log/index.js";
import { rangeTestChart } from "../charts/index.js";
import { configBlock } from "./config-block.js";
import { figure } from "./figure.js";
import { html, type Html } from "./html.js";
import { runHeader } from "./run-header.js";
import { table, type Cell } from "./table.js";
import type { RunReportData } from "./types.js";

interface RangeTest {
  lrs: number[];
  losses: number[];
  suggestions: Record<string, number | null>;
  stopReason: string | undefined;
  lossKind: string;
  fromSteps: boolean;
}

export async function findReport({ run, steps }: RunReportData): Promise<Html> {
  const test = rangeTest(run.summary, steps);
  const numeric = Object.fromEntries(Object.entries(test.suggestions).filter((e): e is [string, number] => typeof e[1] === "number"));
  const rows = Object.entries(test.suggestions).map(([rule, lr]): Cell[] => [rule, lr ?? undefined, lr === null ? undefined : lossAt(test, lr)]);
  return html`${runHeader(run)}
<h2>Suggested learning rates</h2>
${rows.length > 0 ? table(["rule", "η", "smoothed loss there"], rows) : html`<p class="note">no suggestions were recorded</p>`}
${test.stopReason === undefined ? "" : html`<p>The test stopped early, before η reached the end of its range: ${test.stopReason}.</p>`}
<h2>Loss against η</h2>
${await figure("range-test", rangeTestChart({ lrs: test.lrs, losses: test.losses, suggestions: numeric, title: "LR range test" }), test.fromSteps ? "the loss of each logged step (the run recorded no summary)" : `smoothed ${test.lossKind} loss against η on a log axis; each rule's suggestion marked`)}
<h2>Config</h2>
${configBlock(run.config)}`;
}

function rangeTest(summary: unknown, steps: RunReportData["steps"]): RangeTest {
  const { lrs, losses, suggestions = {}, stopped_early: stopped, stop_reason: reason, loss_kind: kind } = readSummary(rangeTestSummarySchema, summary);
  const stopReason = stopped === true ? (reason ?? "the loss blew up") : undefined;
  const curve = { suggestions, stopReason, lossKind: kind === "validation" ? "validation" : "training" };
  if (lrs !== undefined && losses !== undefined && lrs.length === losses.length) return { lrs, losses, ...curve, fromSteps: false };
  return { lrs: steps.map((r) => r.lr), losses: steps.map((r) => r.loss), ...curve, fromSteps: true };
}

/** The curve's loss at the recorded η nearest to `lr` in log distance. */
function lossAt(test: RangeTest, lr: number): number | undefined {
  let best: number | undefined;
  let distance = Infinity;
  test.lrs.forEach((x, i) => {
    const d = Math.abs(Math.log(x / lr));
    if (d < distance && Number.isFinite(test.losses[i])) [best, distance] = [test.losses[i], d];
  });
  return best;
}

