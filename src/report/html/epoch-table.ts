/** A run's per-epoch log as a table (epoch, end step, η, train loss, each validation metric, seconds), folded away by default. */
import type { EpochRow } from "../../log/index.js";
import { html, type Html } from "./html.js";
import { table } from "./table.js";

export function epochTable(epochs: readonly EpochRow[]): Html {
  if (epochs.length === 0) return html``;
  const metrics = [...new Set(epochs.flatMap((e) => Object.keys(e.val)))];
  const rows = epochs.map((e) => [e.epoch, e.step, e.lr, e.trainLoss, ...metrics.map((m) => e.val[m]), e.seconds]);
  return html`<details><summary>per-epoch log (${epochs.length} epochs)</summary>
${table(["epoch", "step", "η", "train loss", ...metrics.map((m) => `val ${m}`), "seconds"], rows)}
</details>`;
}
