/**
 * The report of an LR range test (Smith 2017, §3.3; fastai's `lr_find`): its suggested learning
 * rates as a table and as marks on the loss-against-η curve (log η axis), and its config. The
 * curve is the run's `RangeTestSummary` (`log/`: `lrs`, the smoothed `losses`, `suggestions` by
 * rule name — null where a rule found none —, `stopped_early`, `stop_reason`, `loss_kind`); a
 * range test that ended without a summary (it failed) is drawn from its logged steps instead. The
 * recommended η* (`recommendedLr`) leads, marked in the table and on the curve; the other rules
 * follow as alternatives. The config is shown with the optimizer's `lr` replaced by the swept
 * range, since the sweep, not that lr, set η.
 */
import { rangeTestSummarySchema, readSummary, recommendedLr, type RecommendedLr } from "../../log/index.js";
import { rangeTestChart } from "../charts/index.js";
import { formatNumber } from "./format.js";
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

/**
 * `level` 1: the page of one range test; 2: a section of a comparison, its title an `<h2>` and its
 * headings `<h3>`. `recommended: false` leaves out the η* box (a comparison's summary shows it).
 */
export async function findReport({ run, steps }: RunReportData, { level = 1, recommended: showRecommended = true }: { level?: 1 | 2; recommended?: boolean } = {}): Promise<Html> {
  const test = rangeTest(run.summary, steps);
  const recommended = recommendedLr(test.suggestions);
  const numeric = Object.fromEntries(Object.entries(test.suggestions).filter((e): e is [string, number] => typeof e[1] === "number"));
  const rows = Object.entries(test.suggestions).map(([rule, lr]): Cell[] => [
    rule === recommended?.rule ? html`<strong>${rule}</strong> (η*)` : rule,
    lr ?? undefined,
    lr === null ? undefined : lossAt(test, lr),
  ]);
  const h = (text: string) => (level === 1 ? html`<h2>${text}</h2>` : html`<h3>${text}</h3>`);
  return html`${runHeader(run, level)}
${showRecommended ? recommendedBox(recommended) : ""}
${h("Suggested learning rates")}
${rows.length > 0 ? table(["rule", "η", "smoothed loss there"], rows) : html`<p class="note">no suggestions were recorded</p>`}
${test.stopReason === undefined ? "" : html`<p>The test stopped early, before η reached the end of its range: ${test.stopReason}.</p>`}
${h("Loss against η")}
${await figure("range-test", rangeTestChart({ lrs: test.lrs, losses: test.losses, suggestions: numeric, recommended: recommended?.rule, title: "LR range test", width: 860 }), test.fromSteps ? "the loss of each logged step (the run recorded no summary)" : `smoothed ${test.lossKind} loss against η on a log axis; each rule's suggestion marked, η* solid`)}
${h("Config")}
${configBlock(sweptConfig(run.config, test.lrs))}`;
}

/** η* and the rule that chose it, with the other rules' η as alternatives. */
export function recommendedBox(recommended: RecommendedLr | undefined): Html {
  if (recommended === undefined) return html`<div class="box"><p class="note">no recommended η: the minimum rule found none on this curve</p></div>`;
  const others = recommended.alternatives.map((a) => `${a.rule} ${formatNumber(a.lr)}`).join(", ");
  return html`<div class="box good"><p><strong>recommended η* = ${formatNumber(recommended.lr)}</strong>: the ${recommended.rule} rule, the η of the lowest smoothed loss ÷ 10 (what <code>lrkit find --apply</code> writes)</p>
${others === "" ? "" : html`<p>alternatives: ${others}</p>`}</div>`;
}

/** The config with the optimizer's `lr` replaced by the swept range. */
function sweptConfig(config: unknown, lrs: readonly number[]): unknown {
  if (lrs.length === 0 || config === null || typeof config !== "object") return config;
  const optimizer = (config as Record<string, unknown>).optimizer;
  if (optimizer === null || typeof optimizer !== "object") return config;
  const swept = `swept ${formatNumber(lrs[0]!)} → ${formatNumber(lrs.at(-1)!)} by the range test`;
  return { ...config, optimizer: { ...optimizer, lr: swept } };
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

