/**
 * A run's final metrics as a table: one row per metric, one column per split. The trainer records
 * `{ val: { loss, accuracy }, test: { … } }`, so nested objects are the columns ("val", "test")
 * and numbers at the top level go in a "value" column; the best validation value over epochs
 * (`RunSummary.best`) is a last column.
 */
import { html, type Html } from "./html.js";
import { table, type Cell } from "./table.js";

export function metricsTable(metrics: Record<string, unknown> | undefined, best: Readonly<Record<string, number>>): Html {
  const columns = new Map<string, Record<string, unknown>>();
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metrics ?? {})) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) columns.set(key, value as Record<string, unknown>);
    else flat[key] = value;
  }
  if (Object.keys(flat).length > 0) columns.set("value", flat);
  if (Object.keys(best).length > 0) columns.set("best val over epochs", best);
  const names = [...new Set([...columns.values()].flatMap((c) => Object.keys(c)))];
  if (names.length === 0) return html`<p class="note">no metrics were recorded</p>`;
  const rows = names.map((name): Cell[] => [name, ...[...columns.values()].map((c) => c[name] as Cell)]);
  return table(["metric", ...columns.keys()], rows);
}
