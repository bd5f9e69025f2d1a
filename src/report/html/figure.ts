/**
 * A chart as an inline SVG figure. Vega numbers the clip paths of each SVG from 1, so two charts
 * inlined in one page would both define `id="def1"` and the second would clip with the first's
 * rectangle; every id (and every `url(#…)`/`href="#…"` reference to it) is therefore prefixed with
 * the figure's `key`, which must be unique within the page.
 */
import { renderSvg, type ChartSpec } from "../charts/index.js";
import { html, trusted, type Html } from "./html.js";

export async function figure(key: string, spec: ChartSpec, caption?: string): Promise<Html> {
  const svg = scopeIds(await renderSvg(spec), key);
  return html`<figure>${trusted(svg)}${caption === undefined ? "" : html`<figcaption>${caption}</figcaption>`}</figure>`;
}

export function scopeIds(svg: string, key: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${key}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${key}-${id})`)
    .replace(/\bhref="#([^"]+)"/g, (_m, id: string) => `href="#${key}-${id}"`);
}
