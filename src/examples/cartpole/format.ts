/**
 * `formatCartpole`: the result of `runCartpole` as text — one table row per η (episodes to solve,
 * best and final 100-episode averages, wall time) and a sparkline of the trailing average return
 * per η. The sparklines share one axis: each character covers the same number of episodes (the
 * cap divided into `sparklineWidth` columns), so a run that stopped once solved is shorter, and
 * the eight bar heights split [0, maxSteps] evenly.
 */
import type { CartpoleResult } from "./run.js";
import type { LrRun } from "./train.js";

const bars = "▁▂▃▄▅▆▇█";
const sparklineWidth = 50;

export function formatCartpole(result: CartpoleResult): string {
  const version = result.maxSteps === 200 ? "CartPole-v0" : result.maxSteps === 500 ? "CartPole-v1" : "CartPole";
  const header = [
    `${version} (episodes of at most ${result.maxSteps} steps; solved: average return ≥ ${result.threshold} over ${result.window} consecutive episodes)`,
    `REINFORCE with a value baseline, Adam, γ = ${result.gamma}, seed ${result.seed}, at most ${result.episodes} episodes per η`,
  ];
  const rows = [
    ["η", "solved", `best ${result.window}-ep avg`, "final avg", "episodes", "time"],
    ...result.runs.map((run) => [formatLr(run.lr), outcome(run), run.best.toFixed(1), run.final.toFixed(1), String(run.returns.length), `${run.seconds.toFixed(1)} s`]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => r.map((cell, c) => (c === 0 || c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd());
  const perColumn = Math.max(1, Math.ceil(result.episodes / sparklineWidth));
  const lrWidth = Math.max(...result.runs.map((run) => formatLr(run.lr).length));
  const lines = result.runs.map((run) => `  η = ${formatLr(run.lr).padEnd(lrWidth)}  ${sparkline(run.averages, perColumn, result.maxSteps)}`);
  return [
    ...header,
    "",
    ...table,
    "",
    `${result.window}-episode average return (▁ = 0 … █ = ${result.maxSteps}; one character per ${perColumn} episodes):`,
    ...lines,
    `total ${result.seconds.toFixed(1)} s`,
  ].join("\n");
}

function outcome(run: LrRun): string {
  if (run.solvedAt !== null) return `at episode ${run.solvedAt}`;
  if (run.divergedAt !== null) return `diverged at episode ${run.divergedAt}`;
  return "not solved";
}

/** Plain decimals from 0.001 to 10000 ("0.01", "0.5"), exponents outside ("1e-5", "1e30"). */
export function formatLr(lr: number): string {
  return lr < 1e-3 || lr >= 1e4 ? lr.toExponential().replace("e+", "e") : String(lr);
}

/** The mean of each run of `perColumn` values as one bar, scaled over [0, top]. */
export function sparkline(values: readonly number[], perColumn: number, top: number): string {
  let line = "";
  for (let start = 0; start < values.length; start += perColumn) {
    const chunk = values.slice(start, start + perColumn);
    const mean = chunk.reduce((a, b) => a + b, 0) / chunk.length;
    const level = Math.min(bars.length - 1, Math.max(0, Math.floor((mean / top) * bars.length)));
    line += bars[level];
  }
  return line;
}
