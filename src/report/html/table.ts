/**
 * Tables: a header row and body rows of cells. A number cell is formatted (`formatValue`) and
 * right-aligned; every cell's text is escaped. `highlight` marks rows (e.g. the best trial).
 */
import { formatValue } from "./format.js";
import { html, Html } from "./html.js";

export type Cell = Html | string | number | undefined | null | boolean | Record<string, unknown> | unknown[];

export function table(header: readonly string[], rows: readonly (readonly Cell[])[], highlight: (row: number) => boolean = () => false): Html {
  return html`<div class="wide"><table>
<thead><tr>${header.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>
${rows.map((row, i) => html`<tr${highlight(i) ? html` class="best"` : ""}>${row.map(cell)}</tr>\n`)}</tbody>
</table></div>`;
}

function cell(value: Cell): Html {
  if (value instanceof Html) return html`<td>${value}</td>`;
  if (typeof value === "number") return html`<td class="num">${formatValue(value)}</td>`;
  return html`<td>${formatValue(value)}</td>`;
}
